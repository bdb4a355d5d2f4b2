-- Clean marketing.email_events: one row per key, the latest that passed every check.
-- Rows left out are in dq_rejected_rows with the reason.
-- Its references to other tables are checked after staging: later models read
-- int_marketing__email_events_referenced (models/intermediate/integrity/).
with checked_rows as (

    select * from {{ ref('base_marketing__email_events') }}

),

final as (

    select
        email_event_id,
        contact_id,
        campaign_id,
        event_type,
        occurred_at
    from checked_rows
    where dq_disposition = 'kept'

)

select * from final
