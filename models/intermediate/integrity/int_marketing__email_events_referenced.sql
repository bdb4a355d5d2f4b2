-- Clean marketing.email_events rows whose references all resolve: what every later model reads.
with checked_rows as (

    select * from {{ ref('int_marketing__email_events_references_checked') }}

),

final as (

    select
        email_event_id,
        contact_id,
        campaign_id,
        event_type,
        occurred_at
    from checked_rows
    where dq_reason is null

)

select * from final
