-- Involvement: recency-weighted count of support cases the customer opened.
with touchpoints as (

    select
        account_id,
        {{ to_date('opened_at') }} as touched_on
    from {{ ref('stg_support__cases') }}

),

{{ touchpoint_indicator('touchpoints', 'count',
    ref('int_scoring_population'), ref('int_scoring_as_of_dates'), ref('int_indicator_registry')) }}
