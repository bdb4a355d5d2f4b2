-- Clean crm.deployments: one row per key, the latest that passed every check.
-- Rows left out are in dq_rejected_rows with the reason.
-- Its references to other tables are checked after staging: later models read
-- int_crm__deployments_referenced (models/intermediate/integrity/).
with checked_rows as (

    select * from {{ ref('base_crm__deployments') }}

),

final as (

    select
        account_id,
        product_module,
        version,
        reported_at
    from checked_rows
    where dq_disposition = 'kept'

)

select * from final
