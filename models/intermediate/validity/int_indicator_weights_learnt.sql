-- Weights learnt from the user's own outcomes, one row per indicator of the
-- registry (docs/scoring.md, "Learnt weights"). Out of time: the observed as-of
-- dates at the churn-risk horizon (engagement__churn_risk_horizon_days) train,
-- except the newest, which int_score_weights_compared keeps to test them on.
--   outcome_auc   on the training dates pooled, the AUC of churn against a low
--                 indicator score (0.5 = chance; customers for whom the indicator
--                 is excluded take no part); the project's AUC from ranks;
--   learnt_share  max(outcome_auc - 0.5, 0), as a share of their sum: each
--                 indicator counts by how well it separates churners on its own.
--                 Non-negative by construction: an indicator whose data runs
--                 against its registry direction gets 0, never a flipped sign;
--   contradicts_direction  outcome_auc at most 0.5 - engagement__learnt_contradiction_margin
--                 (0.05) on enough churns: a higher score went with more churn,
--                 against the registry's direction. Listed in
--                 dim_engagement_indicators; never flipped.
-- No share (null) while the training dates hold fewer churns than
-- engagement__learnt_weights_min_churned, or an indicator has no scored churner
-- and non-churner there.
-- A portable SQL fit (rank windows and sums): the same on every engine.
{%- set min_churned = var('engagement__learnt_weights_min_churned') %}
{%- set margin = var('engagement__learnt_contradiction_margin') %}

with outcomes as (

    select * from {{ ref('int_customer_outcomes') }}
    where is_observed and horizon_days = {{ churn_risk_horizon() }}

),

scores as (

    select * from {{ ref('int_indicator_scores_normalized') }}

),

registry as (

    select * from {{ ref('int_indicator_registry') }}

),

held_out as (

    select max(as_of_date) as held_out_on from outcomes

),

training_outcomes as (

    select outcomes.*
    from outcomes
    cross join held_out
    where outcomes.as_of_date < held_out.held_out_on

),

training_totals as (

    select
        count(*) as training_customer_dates,
        count(case when is_churned then 1 end) as training_churned
    from training_outcomes

),

training_scores as (

    select
        scores.indicator,
        {{ score_for_ranking('scores.indicator_score') }} as score_value,
        training_outcomes.is_churned
    from scores
    inner join training_outcomes
        on
            scores.as_of_date = training_outcomes.as_of_date
            and scores.account_id = training_outcomes.account_id
    where not scores.is_excluded and scores.indicator_score is not null

),

ranked as (

    select
        indicator,
        is_churned,
        count(*) over (partition by indicator) as scored,
        rank() over (partition by indicator order by score_value asc) as ascending_rank,
        count(*) over (
            partition by indicator order by score_value asc range between current row and current row
        ) as tied
    from training_scores

),

separation as (

    -- the rank from the highest score (ties share the mean rank), summed over churners
    select
        indicator,
        count(*) as training_scored,
        count(case when is_churned then 1 end) as training_scored_churned,
        sum(case
            when is_churned
                then scored - (ascending_rank + tied - 1) + 1 + (tied - 1) / cast(2 as {{ type_double() }})
        end) as churned_rank_sum
    from ranked
    group by indicator

),

auc as (

    select
        indicator,
        training_scored,
        training_scored_churned,
        {{ auc_from_ranks('churned_rank_sum', 'training_scored_churned',
            'training_scored - training_scored_churned') }} as outcome_auc
    from separation

),

evidence as (

    select
        registry.indicator,
        registry.direction,
        coalesce(auc.training_scored, 0) as training_scored,
        coalesce(auc.training_scored_churned, 0) as training_scored_churned,
        auc.outcome_auc,
        training_totals.training_customer_dates,
        training_totals.training_churned,
        training_totals.training_churned >= {{ min_churned }} as has_enough_outcomes
    from registry
    cross join training_totals
    left join auc
        on registry.indicator = auc.indicator

),

strengths as (

    select
        *,
        case
            when has_enough_outcomes and outcome_auc > 0.5 then outcome_auc - 0.5
            when has_enough_outcomes then 0
        end as separation_strength,
        sum(case when has_enough_outcomes and outcome_auc > 0.5 then outcome_auc - 0.5 else 0 end)
            over () as total_strength
    from evidence

),

final as (

    select
        indicator,
        direction,
        training_customer_dates,
        training_churned,
        training_scored,
        training_scored_churned,
        outcome_auc,
        case
            when total_strength > 0 then coalesce(separation_strength, 0) / total_strength
        end as learnt_share,
        coalesce(has_enough_outcomes and outcome_auc <= 0.5 - {{ margin }}, false) as contradicts_direction
    from strengths

)

select * from final
