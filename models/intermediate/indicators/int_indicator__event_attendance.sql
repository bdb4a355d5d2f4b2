-- Involvement: recency-weighted count of webinars and events attended.
with touchpoints as (

    select
        account_id,
        attended_on as touched_on
    from {{ ref('int_event_registrations_attributed') }}
    where has_attended

),

{{ touchpoint_indicator('touchpoints', 'count',
    ref('int_scoring_population'), ref('int_scoring_as_of_dates'), ref('int_indicator_registry')) }}
