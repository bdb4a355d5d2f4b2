-- Clean marketing.advocacy: one row per key, the latest that passed every check.
-- Rows left out are in dq_rejected_rows with the reason.
-- Its references to other tables are checked after staging: later models read
-- int_marketing__advocacy_referenced (models/intermediate/integrity/).
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
