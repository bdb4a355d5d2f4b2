-- Sentiment: recency-weighted average satisfaction (1-5) over rated support cases
-- and CSAT survey answers. Null without ratings.
with population as (

    select * from {{ ref('int_scoring_population') }}
    where {{ as_of_dates_to_refresh('as_of_date', ref('int_scoring_as_of_dates')) }}

),

settings as (

    -- this indicator's row of the registry (its half-life)
    select * from {{ ref('int_indicator_registry') }}
    where indicator = '{{ this_indicator() }}'

),

touchpoints as (

    select
        account_id,
        rated_on as touched_on,
        score as touch_value
    from {{ ref('int_csat_ratings_unioned') }}

),

weighted as (

    {{ weighted_touchpoints('population', 'touchpoints', 'touched_on', 'settings', 'touchpoints.touch_value') }}

),

final as (

    select
        {{ indicator_columns('weighted', 'weighted_value / nullif(weighted_count, 0)', 'touchpoint_count', 'weighted_count') }}
    from weighted

)

select * from final
