-- Sentiment (lower is better): recency-weighted count of escalated support cases.
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
        {{ to_date('opened_at') }} as touched_on
    from {{ ref('stg_support__cases') }}
    where is_escalated

),

weighted as (

    {{ weighted_touchpoints('population', 'touchpoints', 'touched_on', 'settings') }}

),

final as (

    select
        {{ indicator_columns('weighted', 'weighted_count', 'touchpoint_count', 'weighted_count') }}
    from weighted

)

select * from final
