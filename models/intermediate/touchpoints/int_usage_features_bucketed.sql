-- Feature use folded into one row per customer, feature and history period:
-- how often it was used and the last day it was used in the period, up to the
-- as-of date. feature_breadth needs only the last use of each feature.
-- Incremental: a run recomputes the periods from the start of the lookback window on.
{{ config(**incremental_by_period()) }}

with as_of as (

    select max(as_of_date) as as_of_date from {{ ref('int_scoring_as_of_dates') }}

),

feature_uses as (

    select
        account_id,
        feature_name,
        {{ to_date('occurred_at') }} as occurred_on
    from {{ ref('stg_product__usage_events') }}
    where
        event_type = 'feature_use'
        and feature_name is not null
        and {{ touchpoints_to_refresh('occurred_at', ref('int_scoring_as_of_dates')) }}

),

final as (

    {{ period_buckets('feature_uses', 'occurred_on',
        {'uses': 'count(*)', 'last_used_on': 'max(touchpoints.occurred_on)'}, keys=['feature_name']) }}

)

select * from final
