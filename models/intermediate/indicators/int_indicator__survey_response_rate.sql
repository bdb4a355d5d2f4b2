-- Involvement: recency-weighted share of survey invitations answered by the as-of date,
-- each invitation weighted by when it was sent. Null without invitations.
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
        sent_on as touched_on,
        -- answered_on is compared with the as-of date in the final step
        answered_on
    from {{ ref('int_survey_invitations_attributed') }}

),

weighted as (

    {{ weighted_touchpoints('population', 'touchpoints', 'touched_on', 'settings',
        'case when touchpoints.answered_on <= population.as_of_date then 1 else 0 end') }}

),

final as (

    select
        {{ indicator_columns('weighted', 'weighted_value / nullif(weighted_count, 0)', 'touchpoint_count', 'weighted_count') }}
    from weighted

)

select * from final
