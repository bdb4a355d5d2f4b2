-- Involvement: recency-weighted count of advocacy acts (references, case studies, reviews, referrals, talks, boards).
with touchpoints as (

    select
        account_id,
        {{ to_date('occurred_at') }} as touched_on
    from {{ ref('stg_marketing__advocacy') }}

),

{{ touchpoint_indicator('touchpoints', 'count',
    ref('int_scoring_population'), ref('int_scoring_as_of_dates'), ref('int_indicator_registry')) }}
