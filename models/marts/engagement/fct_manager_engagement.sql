-- One row per relationship manager, as-of date and scope:
--   scope 'direct': the customers the manager owns;
--   scope 'reporting_line': those plus the customers of everyone reporting to
--   the manager, at any depth.
with customer_scores as (

    select * from {{ ref('fct_customer_engagement') }}

),

reporting_paths as (

    select * from {{ ref('int_manager_reporting_paths') }}

),

managers as (

    select * from {{ ref('stg_crm__managers') }}

),

scoped as (

    select
        customer_scores.manager_id as rollup_manager_id,
        'direct' as scope,
        customer_scores.*
    from customer_scores

    union all

    select
        reporting_paths.ancestor_manager_id as rollup_manager_id,
        'reporting_line' as scope,
        customer_scores.*
    from customer_scores
    inner join reporting_paths
        on customer_scores.manager_id = reporting_paths.manager_id

),

rolled_up as (

    select
        rollup_manager_id as manager_id,
        scope,
        as_of_date,
        max(period_index) as period_index,
        {{ rollup_metrics() }}
    from scoped
    group by rollup_manager_id, scope, as_of_date

),

velocity as (

    {{ score_velocity('rolled_up', ['manager_id', 'scope'], 'contract_weighted_score') }}

),

final as (

    select
        rolled_up.manager_id,
        rolled_up.scope,
        rolled_up.as_of_date,
        managers.manager_name,
        managers.team,
        managers.reports_to_manager_id,
        rolled_up.period_index,
        rolled_up.period_index = 0 as is_current,
        {{ rollup_metric_columns('rolled_up', 'previous') }},
        cast(velocity.score_velocity_points_per_month as {{ type_double() }}) as score_velocity_points_per_month
    from rolled_up
    left join managers
        on rolled_up.manager_id = managers.manager_id
    left join rolled_up as previous
        on
            rolled_up.manager_id = previous.manager_id
            and rolled_up.scope = previous.scope
            and rolled_up.period_index + 1 = previous.period_index
    left join velocity
        on
            rolled_up.manager_id = velocity.manager_id
            and rolled_up.scope = velocity.scope
            and rolled_up.as_of_date = velocity.as_of_date

)

select * from final
