-- Logins folded into one bucket per customer and history period, each login
-- weighted to the bucket's end with logins_per_seat's half-life (see macro
-- touchpoint_period_buckets). Incremental: a run recomputes the periods from
-- the start of the lookback window on.
{{ config(**incremental_by_period()) }}

with as_of as (

    select max(as_of_date) as as_of_date from {{ ref('int_scoring_as_of_dates') }}

),

settings as (

    -- the registry row of logins_per_seat: its half-life
    select * from {{ ref('int_indicator_registry') }}
    where indicator = 'logins_per_seat'

),

logins as (

    select
        account_id,
        {{ to_date('occurred_at') }} as occurred_on
    from {{ ref('stg_product__usage_events') }}
    where
        event_type = 'login'
        and {{ touchpoints_to_refresh('occurred_at', ref('int_scoring_as_of_dates')) }}

),

buckets as (

    {{ touchpoint_period_buckets('logins', 'occurred_on', 'settings',
        {'weighted_logins': '1'}) }}

)

select * from buckets
