-- Involvement: recency-weighted count of support cases the customer opened.
with touchpoints as (

    select
        account_id,
        {{ to_date('opened_at') }} as touched_on
    from {{ ref('int_support__cases_referenced') }}

),

{{ touchpoint_indicator('touchpoints', 'count',
    ref('int_scoring_population'), ref('int_scoring_as_of_dates'), ref('int_indicator_registry')) }}
