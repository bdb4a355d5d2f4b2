-- Involvement: recency-weighted count of support cases the customer opened.
with touchpoints as (

    select
        account_id,
        {{ to_date('opened_at') }} as touched_on
    from {{ ref('int_support__cases_referenced') }}

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
