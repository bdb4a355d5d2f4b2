-- The whole book of business per as-of date, and broken down by segment and by
-- region, with the distribution over bands. The rollup itself (aggregates,
-- change, velocity) is computed once for every rollup mart in
-- int_customer_scores_rolled_up.
with rollups as (

    select * from {{ ref('int_customer_scores_rolled_up') }}
    where rollup_type = 'book'

),

final as (

    select
        rollup_scope as breakdown,
        rollup_id as breakdown_value,
        as_of_date,
        period_index,
        is_current,
        customers,
        total_contract_value,
        contract_weighted_score,
        mean_score,
        engaged_customers,
        engaged_contract_value,
        engaged_customers_pct,
        at_risk_customers,
        at_risk_contract_value,
        at_risk_customers_pct,
        disengaged_customers,
        disengaged_contract_value,
        disengaged_customers_pct,
        insufficient_data_customers,
        insufficient_data_contract_value,
        insufficient_data_customers_pct,
        alerted_customers,
        score_change,
        score_velocity_points_per_month
    from rollups

)

select * from final
