-- Sentiment: recency-weighted Net Promoter Score, -100 to 100: each answer counts
-- +100 (promoter, 9-10), 0 (passive, 7-8) or -100 (detractor, 0-6). Null without answers.
with touchpoints as (

    select
        account_id,
        responded_on as touched_on,
        case when score >= 9 then 100 when score <= 6 then -100 else 0 end as touch_value
    from {{ ref('int_survey_responses_attributed') }}
    where survey_type = 'nps'

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
