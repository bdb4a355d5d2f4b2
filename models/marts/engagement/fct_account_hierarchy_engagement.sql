-- One row per parent account (an account with at least one child) and as-of date:
-- its whole subtree (itself and every descendant, any depth) rolled up over the
-- customers in it, contract-value weighted. The rollup itself (aggregates,
-- change) is computed once for every rollup mart in int_customer_scores_rolled_up.
with rollups as (

    select * from {{ ref('int_customer_scores_rolled_up') }}
    where rollup_type = 'account'

),

accounts as (

    select * from {{ ref('int_account_profiles') }}

),

final as (

    select
        rollups.rollup_id as account_id,
        accounts.account_name,
        rollups.as_of_date,
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
        rollups.score_change
    from rollups
    inner join accounts
        on rollups.rollup_id = accounts.account_id

)

select * from final
