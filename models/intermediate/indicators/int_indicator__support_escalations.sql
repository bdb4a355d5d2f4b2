-- Sentiment (lower is better): recency-weighted count of escalated support cases.
with touchpoints as (

    select
        account_id,
        {{ to_date('opened_at') }} as touched_on
    from {{ ref('stg_support__cases') }}
    where is_escalated

),

{{ touchpoint_indicator('touchpoints', 'count',
    ref('int_scoring_population'), ref('int_scoring_as_of_dates'), ref('int_indicator_registry')) }}
