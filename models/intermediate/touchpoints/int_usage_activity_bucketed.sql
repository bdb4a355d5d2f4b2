-- Product usage folded once into one row per customer, user, feature and history
-- period (logins have no feature; events without a user form their own row): the
-- only pass over the usage events that the usage indicators make. From it
--   logins_per_seat        the logins, each weighted to the bucket's end with
--                          logins_per_seat's half-life (macro touchpoint_period_buckets);
--   days_since_last_login  the last login and the number of logins;
--   feature_breadth        the last use of each feature;
--   active_user_ratio      each user's last activity.
-- Incremental: a run recomputes the periods from the start of the lookback window on.
{{ config(**incremental_by_period()) }}

with as_of as (

    select max(as_of_date) as as_of_date from {{ ref('int_scoring_as_of_dates') }}

),

settings as (

    -- the registry row of logins_per_seat: its half-life
    select * from {{ ref('int_indicator_registry') }}
    where indicator = 'logins_per_seat'

),

usage_events as (

    select
        account_id,
        user_id,
        feature_name,
        {{ to_date('occurred_at') }} as occurred_on,
        case when event_type = 'login' then 1 else 0 end as is_login,
        case when event_type = 'feature_use' and feature_name is not null then 1 else 0 end as is_feature_use
    from {{ ref('stg_product__usage_events') }}
    where {{ touchpoints_to_refresh('occurred_at', ref('int_scoring_as_of_dates')) }}

),

buckets as (

    {%- set bucket_end = bucket_end_of('touchpoints.occurred_on', 'as_of.as_of_date') %}
    {{ period_buckets('usage_events', 'occurred_on', {
        'logins': 'sum(touchpoints.is_login)',
        'weighted_logins': 'sum(touchpoints.is_login * '
            ~ recency_weight('touchpoints.occurred_on', bucket_end, 'settings.half_life_days') ~ ')',
        'last_login_on': 'max(case when touchpoints.is_login = 1 then touchpoints.occurred_on end)',
        'feature_uses': 'sum(touchpoints.is_feature_use)',
        'last_used_on': 'max(case when touchpoints.is_feature_use = 1 then touchpoints.occurred_on end)',
        'last_active_on': 'max(touchpoints.occurred_on)',
        'half_life_days': 'cast(max(settings.half_life_days) as ' ~ type_double() ~ ')',
    }, keys=['user_id', 'feature_name'], settings='settings') }}

)

select * from buckets
