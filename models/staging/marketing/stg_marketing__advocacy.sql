-- Clean marketing.advocacy: one row per key, the latest that passed every check.
-- Rows left out are in dq_rejected_rows with the reason.
with checked_rows as (

    select * from {{ ref('base_marketing__advocacy') }}

),

final as (

    select
        advocacy_id,
        account_id,
        contact_id,
        advocacy_type,
        occurred_at
    from checked_rows
    where dq_disposition = 'kept'

)

select * from final
