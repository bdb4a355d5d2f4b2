-- Sentiment: recency-weighted Customer Effort Score (1-7, 7 = effortless, as in CES 2.0).
-- Null without answers.
with touchpoints as (

    select
        account_id,
        responded_on as touched_on,
        score as touch_value
    from {{ ref('int_survey_responses_attributed') }}
    where survey_type = 'ces'

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
