-- The whole book of business per as-of date, and broken down by segment and by
-- region, with the distribution over bands.
with customer_scores as (

    select * from {{ ref('fct_customer_engagement') }}

),

broken_down as (

    select
        'total' as breakdown,
        'all' as breakdown_value,
        customer_scores.*
    from customer_scores
    {%- for column in ['segment', 'region'] %}

    union all

    select
        '{{ column }}' as breakdown,
        {{ column }} as breakdown_value,
        customer_scores.*
    from customer_scores
    {%- endfor %}

),

rolled_up as (

    select
        breakdown,
        breakdown_value,
        as_of_date,
        max(period_index) as period_index,
        {{ rollup_metrics() }}
    from broken_down
    group by breakdown, breakdown_value, as_of_date

),

velocity as (

    {{ score_velocity('rolled_up', ['breakdown', 'breakdown_value'], 'contract_weighted_score') }}

),

final as (

    select
        rolled_up.breakdown,
        rolled_up.breakdown_value,
        rolled_up.as_of_date,
        rolled_up.period_index,
        rolled_up.period_index = 0 as is_current,
        {{ rollup_metric_columns('rolled_up', 'previous', band_shares=true) }},
        cast(velocity.score_velocity_points_per_month as {{ type_double() }}) as score_velocity_points_per_month
    from rolled_up
    left join rolled_up as previous
        on
            rolled_up.breakdown = previous.breakdown
            and rolled_up.breakdown_value = previous.breakdown_value
            and rolled_up.period_index + 1 = previous.period_index
    left join velocity
        on
            rolled_up.breakdown = velocity.breakdown
            and rolled_up.breakdown_value = velocity.breakdown_value
            and rolled_up.as_of_date = velocity.as_of_date

)

select * from final
