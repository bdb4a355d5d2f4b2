-- E-mail sends and engagements (opens and clicks) folded into one bucket per
-- customer and history period, weighted to the bucket's end with
-- email_engagement's half-life (see macro touchpoint_period_buckets).
-- Incremental: a run recomputes the periods from the start of the lookback window on.
{{ config(**incremental_by_period()) }}

with as_of as (

    select max(as_of_date) as as_of_date from {{ ref('int_scoring_as_of_dates') }}

),

settings as (

    -- the registry row of email_engagement: its half-life
    select * from {{ ref('int_indicator_registry') }}
    where indicator = 'email_engagement'

),

email_events as (

    select
        account_id,
        occurred_on,
        case when event_type in ('open', 'click') then 1 else 0 end as is_engagement,
        case when event_type = 'sent' then 1 else 0 end as is_send
    from {{ ref('int_email_events_attributed') }}
    where
        event_type in ('sent', 'open', 'click')
        and {{ touchpoints_to_refresh('occurred_at', ref('int_scoring_as_of_dates')) }}

),

buckets as (

    {{ touchpoint_period_buckets('email_events', 'occurred_on', 'settings',
        {'weighted_engagements': 'is_engagement', 'weighted_sends': 'is_send', 'weighted_touchpoints': '1'}) }}

)

select * from buckets
