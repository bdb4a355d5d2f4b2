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
    from {{ ref('int_product__usage_events_referenced') }}
    where
        event_type = 'feature_use'
        and feature_name is not null
        and {{ touchpoints_to_refresh('occurred_at') }}

),

final as (

    select
        feature_uses.account_id,
        feature_uses.feature_name,
        {{ period_start_of('feature_uses.occurred_on') }} as period_start,
        least({{ period_end_of('feature_uses.occurred_on') }}, as_of.as_of_date) as bucket_end,
        count(*) as uses,
        max(feature_uses.occurred_on) as last_used_on
    from feature_uses
    cross join as_of
    where feature_uses.occurred_on <= as_of.as_of_date
    group by 1, 2, 3, 4

)

select * from final
