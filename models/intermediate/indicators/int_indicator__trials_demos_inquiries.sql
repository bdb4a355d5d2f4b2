-- Involvement (spend): recency-weighted count of trials, demos and inquiries the
-- account team logged: the customer looking at more of what we sell.
with touchpoints as (

    select
        account_id,
        {{ to_date('occurred_at') }} as touched_on
    from {{ ref('stg_crm__activities') }}
    where activity_type in ('trial', 'demo', 'inquiry')

),

{{ touchpoint_indicator('touchpoints', 'count',
    ref('int_scoring_population'), ref('int_scoring_as_of_dates'), ref('int_indicator_registry')) }}
