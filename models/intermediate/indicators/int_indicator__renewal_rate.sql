-- Competitive status (stay): recency-weighted share of closed renewals that were won.
-- Null for customers with no renewal closed yet.
with touchpoints as (

    select
        account_id,
        {{ to_date('closed_at') }} as touched_on,
        case when is_won then 1 else 0 end as touch_value
    from {{ ref('int_crm__opportunities_referenced') }}
    where opportunity_type = 'renewal' and is_closed and closed_at is not null

),

weighted as (

    {{ weighted_touchpoints('touchpoints', 'touched_on', indicator_half_life(this_indicator()), 'touchpoints.touch_value') }}

),

final as (

    select
        {{ indicator_columns('weighted', 'weighted_value / nullif(weighted_count, 0)', 'touchpoint_count', 'weighted_count') }}
    from weighted

)

select * from final
