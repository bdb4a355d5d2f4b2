-- Clean product.usage_events: one row per key, the latest that passed every check.
-- Rows left out are in dq_rejected_rows with the reason.
-- Its references to other tables are checked after staging: later models read
-- int_product__usage_events_referenced (models/intermediate/integrity/).
with checked_rows as (

    select * from {{ ref('base_product__usage_events') }}

),

final as (

    select
        event_id,
        account_id,
        user_id,
        event_type,
        feature_name,
        occurred_at
    from checked_rows
    where dq_disposition = 'kept'

)

select * from final
