-- Customer scores rolled up per group and as-of date, once for all three
-- rollup marts: the same aggregate columns, change against the previous period
-- and score velocity whatever the grouping.
--   rollup_type 'book'    rollup_scope 'total' / 'segment' / 'region', rollup_id
--                         'all' or the segment or region (fct_book_of_business_engagement);
--   rollup_type 'manager' rollup_scope 'direct' (the manager's own customers) or
--                         'reporting_line' (those plus everyone reporting to them,
--                         any depth), rollup_id the manager (fct_manager_engagement);
--   rollup_type 'account' rollup_scope 'subtree', rollup_id a parent account: itself
--                         and every descendant, any depth (fct_account_hierarchy_engagement).
-- The contract-value-weighted score falls back to the plain mean when the group's
-- contract value is 0. Contract value totals are rounded to cents: a sum of
-- doubles depends on the order of its terms, and the same data must give the
-- same totals (docs/scoring.md).
{%- set bands = ['engaged', 'at_risk', 'disengaged', 'insufficient_data'] %}

with scores as (

    select * from {{ ref('int_customer_scores_banded') }}

),

population as (

    select * from {{ ref('int_scoring_population') }}

),

reporting_paths as (

    select * from {{ ref('int_manager_reporting_paths') }}

),

account_paths as (

    select * from {{ ref('int_account_hierarchy_paths') }}

),

-- the columns a rollup reads, typed as fct_customer_engagement types them
customer_scores as (

    select
        scores.account_id,
        scores.as_of_date,
        scores.period_index,
        population.manager_id,
        population.segment,
        population.region,
        cast(population.annual_contract_value as {{ type_double() }}) as annual_contract_value,
        cast(scores.engagement_score as {{ type_double() }}) as engagement_score,
        scores.band,
        scores.is_alerted
    from scores
    inner join population
        on
            scores.as_of_date = population.as_of_date
            and scores.account_id = population.account_id

),

parent_accounts as (

    select distinct ancestor_account_id as account_id
    from account_paths
    where depth > 0

),

grouped as (

    select
        'book' as rollup_type,
        'total' as rollup_scope,
        'all' as rollup_id,
        customer_scores.*
    from customer_scores
    {%- for column in ['segment', 'region'] %}

    union all

    select
        'book' as rollup_type,
        '{{ column }}' as rollup_scope,
        customer_scores.{{ column }} as rollup_id,
        customer_scores.*
    from customer_scores
    {%- endfor %}

    union all

    select
        'manager' as rollup_type,
        'direct' as rollup_scope,
        customer_scores.manager_id as rollup_id,
        customer_scores.*
    from customer_scores

    union all

    select
        'manager' as rollup_type,
        'reporting_line' as rollup_scope,
        reporting_paths.ancestor_manager_id as rollup_id,
        customer_scores.*
    from customer_scores
    inner join reporting_paths
        on customer_scores.manager_id = reporting_paths.manager_id

    union all

    select
        'account' as rollup_type,
        'subtree' as rollup_scope,
        account_paths.ancestor_account_id as rollup_id,
        customer_scores.*
    from account_paths
    inner join parent_accounts
        on account_paths.ancestor_account_id = parent_accounts.account_id
    inner join customer_scores
        on account_paths.account_id = customer_scores.account_id

),

rolled_up as (

    select
        rollup_type,
        rollup_scope,
        rollup_id,
        as_of_date,
        max(period_index) as period_index,
        count(*) as customers,
        {{ round_double('cast(sum(annual_contract_value) as ' ~ type_double() ~ ')', 2) }} as total_contract_value,
        cast(
            case
                when sum(annual_contract_value) > 0
                    then sum(annual_contract_value * engagement_score) / sum(annual_contract_value)
                else avg(engagement_score)
            end as {{ type_double() }}
        ) as contract_weighted_score,
        cast(avg(engagement_score) as {{ type_double() }}) as mean_score,
        {%- for band in bands %}
        count(case when band = '{{ band }}' then 1 end) as {{ band }}_customers,
        {{ round_double('cast(sum(case when band = \'' ~ band ~ '\' then annual_contract_value else 0 end) as '
            ~ type_double() ~ ')', 2) }} as {{ band }}_contract_value,
        {%- endfor %}
        count(case when is_alerted then 1 end) as alerted_customers
    from grouped
    group by rollup_type, rollup_scope, rollup_id, as_of_date

),

velocity as (

    {{ score_velocity('rolled_up', ['rollup_type', 'rollup_scope', 'rollup_id'], 'contract_weighted_score') }}

),

final as (

    select
        rolled_up.rollup_type,
        rolled_up.rollup_scope,
        rolled_up.rollup_id,
        rolled_up.as_of_date,
        rolled_up.period_index,
        rolled_up.period_index = 0 as is_current,
        rolled_up.customers,
        rolled_up.total_contract_value,
        rolled_up.contract_weighted_score,
        rolled_up.mean_score,
        {%- for band in bands %}
        rolled_up.{{ band }}_customers,
        rolled_up.{{ band }}_contract_value,
        100 * cast(rolled_up.{{ band }}_customers as {{ type_double() }}) / rolled_up.customers
            as {{ band }}_customers_pct,
        {%- endfor %}
        rolled_up.alerted_customers,
        cast(rolled_up.contract_weighted_score - previous.contract_weighted_score as {{ type_double() }})
            as score_change,
        cast(velocity.score_velocity_points_per_month as {{ type_double() }}) as score_velocity_points_per_month
    from rolled_up
    left join rolled_up as previous
        on
            rolled_up.rollup_type = previous.rollup_type
            and rolled_up.rollup_scope = previous.rollup_scope
            and rolled_up.rollup_id = previous.rollup_id
            and rolled_up.period_index + 1 = previous.period_index
    left join velocity
        on
            rolled_up.rollup_type = velocity.rollup_type
            and rolled_up.rollup_scope = velocity.rollup_scope
            and rolled_up.rollup_id = velocity.rollup_id
            and rolled_up.as_of_date = velocity.as_of_date

)

select * from final
