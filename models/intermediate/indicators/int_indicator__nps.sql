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

{{ touchpoint_indicator('touchpoints', 'mean',
    ref('int_scoring_population'), ref('int_scoring_as_of_dates'), ref('int_indicator_registry')) }}
