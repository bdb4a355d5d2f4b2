-- Clean crm.managers: one row per key, the latest that passed every check.
-- Rows left out are in dq_rejected_rows with the reason.
with checked_rows as (

    select * from {{ ref('base_crm__managers') }}

),

final as (

    select
        manager_id,
        reports_to_manager_id,
        manager_name,
        email,
        team,
        region,
        is_active
    from checked_rows
    where dq_disposition = 'kept'

)

select * from final
