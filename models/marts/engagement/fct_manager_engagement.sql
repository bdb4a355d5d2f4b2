-- One row per relationship manager, as-of date and scope:
--   scope 'direct': the customers the manager owns;
--   scope 'reporting_line': those plus the customers of everyone reporting to
--   the manager, at any depth.
-- The rollup itself (aggregates, change, velocity) is computed once for every
-- rollup mart in int_customer_scores_rolled_up.
with rollups as (

    select * from {{ ref('int_customer_scores_rolled_up') }}
    where rollup_type = 'manager'

),

managers as (

    select * from {{ ref('int_manager_profiles') }}

),

final as (

    select
        rollups.rollup_id as manager_id,
        rollups.rollup_scope as scope,
        rollups.as_of_date,
        managers.manager_name,
        managers.team,
        managers.reports_to_manager_id,
        rollups.period_index,
        rollups.is_current,
        rollups.customers,
        rollups.total_contract_value,
        rollups.contract_weighted_score,
        rollups.mean_score,
        rollups.engaged_customers,
        rollups.engaged_contract_value,
        rollups.at_risk_customers,
        rollups.at_risk_contract_value,
        rollups.disengaged_customers,
        rollups.disengaged_contract_value,
        rollups.insufficient_data_customers,
        rollups.insufficient_data_contract_value,
        rollups.alerted_customers,
        rollups.score_change,
        rollups.score_velocity_points_per_month
    from rollups
    left join managers
        on rollups.rollup_id = managers.manager_id

)

select * from final
