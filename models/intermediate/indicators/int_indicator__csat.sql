-- Sentiment: recency-weighted average satisfaction (1-5) over rated support cases
-- and CSAT survey answers. Null without ratings.
with touchpoints as (

    select
        account_id,
        rated_on as touched_on,
        score as touch_value
    from {{ ref('int_csat_ratings_unioned') }}

),

{{ touchpoint_indicator('touchpoints', 'mean',
    ref('int_scoring_population'), ref('int_scoring_as_of_dates'), ref('int_indicator_registry')) }}
