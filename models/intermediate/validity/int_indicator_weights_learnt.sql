-- Weights learnt from the user's own outcomes, one row per indicator of the
-- registry (docs/scoring.md, "Learnt weights"). Out of time: the observed as-of
-- dates at the churn-risk horizon (engagement__churn_risk_horizon_days) train,
-- except the newest, which int_score_weights_compared keeps to test them on.
--   outcome_auc   on the training dates pooled, the AUC of churn against a low
--                 indicator score (0.5 = chance; customers for whom the indicator
--                 is excluded take no part); the project's AUC from ranks. An
--                 indicator the registry compares within a peer group (segment,
--                 region, industry) is also scored among all customers
--                 (int_indicator_scores_imputed); all customers are the comparison
--                 learnt (is_among_all_customers) when that separates the training
--                 churners better and in the registry's direction (AUC above 0.5), and
--                 the learnt score uses that score (int_indicator_contributions,
--                 int_score_weights_held_out): the user's outcomes, not only the
--                 registry, decide whether peers or all customers are the yardstick;
--   peer_group_outcome_auc  the AUC within the peer group, beside it (null
--                 without a peer group);
--   learnt_share  max(outcome_auc - 0.5 - z * se, 0), as a share of their sum: each
--                 indicator counts by how well it separates churners on its own,
--                 beyond what chance gives: se is the standard error of one
--                 training date's AUC (Hanley-McNeil, on the churned and retained
--                 customers of an average training date: the pooled dates repeat
--                 the same customers, so their own count would overstate the
--                 evidence), z = engagement__learnt_share_min_standard_errors.
--                 Without the floor, the many indicators that go with the drivers
--                 by a hair each take a share and dilute the score.
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
-- Incremental by horizon_days (macros/validity/learnt_weights_incremental.sql):
-- refitted whole only when the observed outcomes at the churn-risk horizon or the
-- fit's settings changed (fingerprint stored on each row: learnt_input_rows,
-- learnt_input_checksum); on other days a run writes nothing here.
{{ config(
    pre_hook="{{ delete_stale_partitions('horizon_days', churn_risk_horizon() | string) }}",
    **learnt_weights_config()
) }}
{%- set min_churned = var('engagement__learnt_weights_min_churned') %}
{%- set margin = var('engagement__learnt_contradiction_margin') %}
{%- set min_standard_errors = var('engagement__learnt_share_min_standard_errors') %}
{%- set refit = learnt_weights_need_refit(ref('int_customer_outcomes'), ref('int_scoring_as_of_dates')) %}

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

input_fingerprint as (

    {{ learnt_weights_input_fingerprint(ref('int_customer_outcomes')) }}

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
        count(case when is_churned then 1 end) as training_churned,
        count(distinct as_of_date) as training_dates
    from training_outcomes

),

scored_training_outcomes as (

    select
        scores.indicator,
        scores.peer_group_value,
        scores.indicator_score,
        scores.score_among_all_customers,
        training_outcomes.is_churned
    from scores
    inner join training_outcomes
        on
            scores.as_of_date = training_outcomes.as_of_date
            and scores.account_id = training_outcomes.account_id
    where not scores.is_excluded

),

training_scores as (

    -- each indicator as the registry compares it (within its peer group, if any), and
    -- an indicator with a peer group (its rows' peer_group_value is not `all`) also
    -- among all customers
    select
        indicator,
        false as is_among_all_customers,
        {{ score_for_ranking('indicator_score') }} as score_value,
        is_churned
    from scored_training_outcomes
    union all
    select
        indicator,
        true as is_among_all_customers,
        {{ score_for_ranking('score_among_all_customers') }} as score_value,
        is_churned
    from scored_training_outcomes
    where coalesce(peer_group_value, '') <> 'all'

),

ranked as (

    select
        indicator,
        is_among_all_customers,
        is_churned,
        count(*) over (partition by indicator, is_among_all_customers) as scored,
        rank() over (partition by indicator, is_among_all_customers order by score_value asc) as ascending_rank,
        count(*) over (
            partition by indicator, is_among_all_customers order by score_value asc
            range between current row and current row
        ) as tied
    from training_scores
    where score_value is not null

),

separation as (

    -- the rank from the highest score (ties share the mean rank), summed over churners
    select
        indicator,
        is_among_all_customers,
        count(*) as training_scored,
        count(case when is_churned then 1 end) as training_scored_churned,
        sum(case
            when is_churned
                then scored - (ascending_rank + tied - 1) + 1 + (tied - 1) / cast(2 as {{ type_double() }})
        end) as churned_rank_sum
    from ranked
    group by indicator, is_among_all_customers

),

comparisons as (

    select
        indicator,
        is_among_all_customers,
        training_scored,
        training_scored_churned,
        {{ auc_from_ranks('churned_rank_sum', 'training_scored_churned',
            'training_scored - training_scored_churned') }} as outcome_auc
    from separation

),

among_all_customers as (

    -- an indicator's comparison among all customers, and whether it is the one learnt:
    -- only when it separates the training churners better than the peer group and in
    -- the registry's direction (AUC above 0.5); otherwise the registry's is, so an
    -- indicator the data contradicts is judged as the registry compares it
    select
        among_all.*,
        among_all.outcome_auc > 0.5 and among_all.outcome_auc > peer_group.outcome_auc as is_better
    from comparisons as among_all
    inner join comparisons as peer_group
        on
            among_all.indicator = peer_group.indicator
            and not peer_group.is_among_all_customers
    where among_all.is_among_all_customers

),

auc as (

    select
        within_group.indicator,
        coalesce(among_all.is_better, false) as is_among_all_customers,
        -- null for an indicator without a peer group
        case when among_all.indicator is not null then within_group.outcome_auc end as peer_group_outcome_auc,
        case when among_all.is_better then among_all.training_scored else within_group.training_scored end
            as training_scored,
        case
            when among_all.is_better then among_all.training_scored_churned
            else within_group.training_scored_churned
        end as training_scored_churned,
        case when among_all.is_better then among_all.outcome_auc else within_group.outcome_auc end as outcome_auc
    from comparisons as within_group
    left join among_all_customers as among_all
        on within_group.indicator = among_all.indicator
    where not within_group.is_among_all_customers

),

evidence as (

    select
        registry.indicator,
        registry.direction,
        coalesce(auc.is_among_all_customers, false) as is_among_all_customers,
        auc.peer_group_outcome_auc,
        coalesce(auc.training_scored, 0) as training_scored,
        coalesce(auc.training_scored_churned, 0) as training_scored_churned,
        auc.outcome_auc,
        training_totals.training_customer_dates,
        training_totals.training_churned,
        training_totals.training_churned >= {{ min_churned }} as has_enough_outcomes,
        -- an average training date's scored churned and retained customers
        auc.training_scored_churned / cast(training_totals.training_dates as {{ type_double() }}) as date_churned,
        (auc.training_scored - auc.training_scored_churned)
        / cast(training_totals.training_dates as {{ type_double() }}) as date_retained
    from registry
    cross join training_totals
    left join auc
        on registry.indicator = auc.indicator

),

auc_variance as (

    -- Hanley and McNeil (1982): the variance of an AUC on this many churned and retained customers
    select
        *,
        case when date_churned > 0 and date_retained > 0 then (
            outcome_auc * (1 - outcome_auc)
            + (date_churned - 1) * (outcome_auc / (2 - outcome_auc) - outcome_auc * outcome_auc)
            + (date_retained - 1) * (2 * outcome_auc * outcome_auc / (1 + outcome_auc) - outcome_auc * outcome_auc)
        ) / (date_churned * date_retained) end as date_auc_variance
    from evidence

),

beyond_chance as (

    select
        *,
        outcome_auc - 0.5 - {{ min_standard_errors }} * sqrt(
            case when date_auc_variance > 0 then date_auc_variance else 0 end
        ) as excess_auc
    from auc_variance

),

strengths as (

    select
        *,
        case
            when has_enough_outcomes and excess_auc > 0 then excess_auc
            when has_enough_outcomes then 0
        end as separation_strength,
        sum(case when has_enough_outcomes and excess_auc > 0 then excess_auc else 0 end)
            over () as total_strength
    from beyond_chance

),

final as (

    select
        indicator,
        direction,
        is_among_all_customers,
        peer_group_outcome_auc,
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

),

-- written only when refitted, with the fingerprint of the inputs it was fitted from
written as (

    select
        final.*,
        {{ churn_risk_horizon() }} as horizon_days,
        input_fingerprint.input_rows as learnt_input_rows,
        input_fingerprint.input_checksum as learnt_input_checksum,
        '{{ invocation_id }}' as built_by_invocation_id
    from final
    cross join input_fingerprint
    where {{ learnt_weights_refit_filter(refit) }}

)

select * from written
