-- One row per parent account (an account with at least one child) and as-of date:
-- its whole subtree (itself and every descendant, any depth) rolled up over the
-- customers in it, contract-value weighted.
with paths as (

    select * from {{ ref('int_account_hierarchy_paths') }}

),

parents as (

    select distinct ancestor_account_id as account_id
    from paths
    where depth > 0

),

customer_scores as (

    select * from {{ ref('fct_customer_engagement') }}

),

accounts as (

    select * from {{ ref('stg_crm__accounts') }}

),

subtree_scores as (

    select
        customer_scores.*,
        paths.ancestor_account_id as rollup_account_id
    from paths
    inner join parents
        on paths.ancestor_account_id = parents.account_id
    inner join customer_scores
        on paths.account_id = customer_scores.account_id

),

rolled_up as (

    select
        rollup_account_id,
        as_of_date,
        max(period_index) as period_index,
        {{ rollup_metrics() }}
    from subtree_scores
    group by rollup_account_id, as_of_date

),

final as (

    select
        rolled_up.rollup_account_id as account_id,
        accounts.account_name,
        rolled_up.as_of_date,
        rolled_up.period_index,
        rolled_up.period_index = 0 as is_current,
        {{ rollup_metric_columns('rolled_up', 'previous') }}
    from rolled_up
    inner join accounts
        on rolled_up.rollup_account_id = accounts.account_id
    left join rolled_up as previous
        on
            rolled_up.rollup_account_id = previous.rollup_account_id
            and rolled_up.period_index + 1 = previous.period_index

)

select * from final
