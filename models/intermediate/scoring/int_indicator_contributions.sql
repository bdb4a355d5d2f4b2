-- How much each indicator counts in each customer's engagement score, under the
-- weights applied (var engagement__weights, int_score_weights_compared):
--   registry  the registry's weights, re-normalized over the indicators the
--             customer has and capped (int_indicator_weights_registry);
--   learnt    the weights learnt from the user's own outcomes
--             (int_indicator_weights_learnt), re-normalized over the indicators
--             the customer has; no cap (the outcomes support them); each
--             indicator_score is then the score as learnt: among all customers
--             instead of the peer group where the outcomes chose that (and its
--             peer_group_value `all`).
--   nominal_weight, renormalized_weight  the registry's (for coverage and reading);
--   effective_weight    the share applied; these add up to 1 per customer;
--   contribution_points = effective_weight * score: these add up to the score;
--   points_left_on_table = effective_weight * (100 - score): the room to grow;
--   impact_points = effective_weight * (score - 50): pull up (+) or down (-)
--                    against a neutral 50, what ranks the top drivers.
{{ config(pre_hook="{{ delete_stale_as_of_dates(ref('int_scoring_as_of_dates')) }}", **incremental_by_as_of_date()) }}

with registry_weighted as (

    select * from {{ ref('int_indicator_weights_registry') }}
    where {{ as_of_dates_to_refresh('as_of_date', ref('int_scoring_as_of_dates')) }}

),

learnt_weights as (

    select * from {{ ref('int_indicator_weights_learnt') }}

),

applied as (

    -- one row: which weights score the customers
    select weights as applied_weights from {{ ref('int_score_weights_compared') }}
    where is_applied

),

with_learnt as (

    select
        registry_weighted.*,
        case
            when registry_weighted.is_excluded then 0
            else coalesce(learnt_weights.learnt_share, 0)
        end as learnt_share,
        {{ learnt_indicator_score('registry_weighted', 'learnt_weights') }} as learnt_indicator_score,
        coalesce(learnt_weights.is_among_all_customers, false) as is_learnt_among_all_customers
    from registry_weighted
    left join learnt_weights
        on registry_weighted.indicator = learnt_weights.indicator

),

weighted as (

    -- the learnt shares re-normalized per customer with a window, not a join back to
    -- their totals: a join the planner misjudges (Postgres chose a nested loop over
    -- every pair of rows)
    select
        with_learnt.*,
        case
            when applied.applied_weights = 'learnt'
                then coalesce(
                    with_learnt.learnt_share / nullif(
                        sum(with_learnt.learnt_share) over (
                            partition by with_learnt.as_of_date, with_learnt.account_id
                        ), 0
                    ), 0
                )
            else with_learnt.effective_weight
        end as applied_weight,
        case
            when applied.applied_weights = 'learnt' then with_learnt.learnt_indicator_score
            else with_learnt.indicator_score
        end as applied_score,
        -- the comparison group of that score: all customers where the learnt one is
        case
            when applied.applied_weights = 'learnt' and with_learnt.is_learnt_among_all_customers then 'all'
            else with_learnt.peer_group_value
        end as applied_peer_group_value
    from with_learnt
    cross join applied

),

final as (

    select
        {{ scored_indicator_columns(
            ['has_data', 'is_excluded', 'applied_score as indicator_score', 'nominal_weight',
                'renormalized_weight', 'applied_weight as effective_weight'],
            replaced={'peer_group_value': 'applied_peer_group_value'}
        ) }},
        applied_weight * coalesce(applied_score, 0) as contribution_points,
        applied_weight * (100 - coalesce(applied_score, 100)) as points_left_on_table,
        applied_weight * (coalesce(applied_score, 50) - 50) as impact_points
    from weighted

)

select * from final
