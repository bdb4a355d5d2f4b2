-- Sentiment (lower is better): recency-weighted mean time to resolve a support
-- case, in days (elapsed seconds / 86400), over the cases closed by the as-of date, each
-- weighted by its closing date. Cases still open do not count until closed.
-- Null without a closed case. A case closed before it opened (a clock error
-- staging lets through) has no meaningful duration and is left out here.
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
        {{ to_date('closed_at') }} as touched_on,
        {#- seconds, which every engine counts exactly (hours are boundaries crossed on some, elapsed on others) -#}
        {% set resolution_seconds = dbt.datediff('opened_at', 'closed_at', 'second') -%}
        cast({{ resolution_seconds }} as {{ type_double() }}) / 86400 as resolution_days
    from {{ ref('stg_support__cases') }}
    where closed_at is not null and closed_at >= opened_at

),

weighted as (

    {{ weighted_touchpoints('population', 'touchpoints', 'touched_on', 'settings', 'touchpoints.resolution_days') }}

),

final as (

    select
        {{ indicator_columns('weighted', 'weighted_value / nullif(weighted_count, 0)', 'touchpoint_count',
            'weighted_count') }}
    from weighted

)

select * from final
