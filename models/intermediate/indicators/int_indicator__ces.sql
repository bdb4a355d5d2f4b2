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

{{ touchpoint_indicator('touchpoints', 'mean',
    ref('int_scoring_population'), ref('int_scoring_as_of_dates'), ref('int_indicator_registry')) }}
