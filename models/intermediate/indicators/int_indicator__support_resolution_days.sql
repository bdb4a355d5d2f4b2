-- Sentiment (lower is better): recency-weighted mean time to resolve a support
-- case, in days (elapsed seconds / 86400), over the cases closed by the as-of date, each
-- weighted by its closing date. Cases still open do not count until closed.
-- Null without a closed case. A case closed before it opened (a clock error
-- staging lets through) has no meaningful duration and is left out here.
with touchpoints as (

    select
        account_id,
        {{ to_date('closed_at') }} as touched_on,
        {#- seconds, which every engine counts exactly (hours are boundaries crossed on some, elapsed on others) -#}
        {% set resolution_seconds = dbt.datediff('opened_at', 'closed_at', 'second') -%}
        cast({{ resolution_seconds }} as {{ type_double() }}) / 86400 as resolution_days
    from {{ ref('stg_support__cases') }}
    where closed_at is not null and closed_at >= opened_at

),

{{ touchpoint_indicator('touchpoints', 'mean',
    ref('int_scoring_population'), ref('int_scoring_as_of_dates'), ref('int_indicator_registry'),
    value='touchpoints.resolution_days') }}
