-- Involvement (spend): recency-weighted count of trials, demos and inquiries the
-- account team logged: the customer looking at more of what we sell.
with touchpoints as (

    select
        account_id,
        {{ to_date('occurred_at') }} as touched_on
    from {{ ref('stg_crm__activities') }}
    where activity_type in ('trial', 'demo', 'inquiry')

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
