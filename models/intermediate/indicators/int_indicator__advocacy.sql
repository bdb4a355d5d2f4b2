-- Involvement: recency-weighted count of advocacy acts (references, case studies, reviews, referrals, talks, boards).
with touchpoints as (

    select
        account_id,
        {{ to_date('occurred_at') }} as touched_on
    from {{ ref('int_marketing__advocacy_referenced') }}

),

weighted as (

    {{ weighted_touchpoints('touchpoints', 'touched_on', indicator_half_life(this_indicator())) }}

),

final as (

    select
        {{ indicator_columns('weighted', 'weighted_count', 'touchpoint_count', 'weighted_count') }}
    from weighted

)

select * from final
