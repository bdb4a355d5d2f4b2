-- Sentiment: recency-weighted average satisfaction (1-5) over rated support cases
-- and CSAT survey answers. Null without ratings.
with touchpoints as (

    select
        account_id,
        rated_on as touched_on,
        score as touch_value
    from {{ ref('int_csat_ratings_unioned') }}

),

weighted as (

    {{ weighted_touchpoints('touchpoints', 'touched_on', indicator_half_life(this_indicator()), 'touchpoints.touch_value') }}

),

final as (

    select
        {{ indicator_columns('weighted', 'weighted_value / nullif(weighted_count, 0)', 'touchpoint_count', 'weighted_count') }}
    from weighted

)

select * from final
