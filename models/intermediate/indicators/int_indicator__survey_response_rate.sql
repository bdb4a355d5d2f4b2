-- Involvement: recency-weighted share of survey invitations answered by the as-of date,
-- each invitation weighted by when it was sent. Null without invitations.
with touchpoints as (

    select
        account_id,
        sent_on as touched_on,
        -- answered_on is compared with the as-of date in the final step
        answered_on
    from {{ ref('int_survey_invitations_attributed') }}

),

{{ touchpoint_indicator('touchpoints', 'mean',
    ref('int_scoring_population'), ref('int_scoring_as_of_dates'), ref('int_indicator_registry'),
    value='case when touchpoints.answered_on <= population.as_of_date then 1 else 0 end') }}
