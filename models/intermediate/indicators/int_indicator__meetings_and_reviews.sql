-- Involvement: recency-weighted count of meetings and business reviews with the account team.
with touchpoints as (

    select
        account_id,
        {{ to_date('occurred_at') }} as touched_on
    from {{ ref('stg_crm__activities') }}
    where activity_type in ('meeting', 'business_review')

),

{{ touchpoint_indicator('touchpoints', 'count',
    ref('int_scoring_population'), ref('int_scoring_as_of_dates'), ref('int_indicator_registry')) }}
