-- Involvement (lower is better): recency-weighted count of the customer's
-- contacts unsubscribing from our e-mails. No unsubscribe is a real 0.
with touchpoints as (

    select
        account_id,
        occurred_on as touched_on
    from {{ ref('int_email_events_attributed') }}
    where event_type = 'unsubscribe'

),

{{ touchpoint_indicator('touchpoints', 'count',
    ref('int_scoring_population'), ref('int_scoring_as_of_dates'), ref('int_indicator_registry')) }}
