-- Each customer's engagement score at the held-out date under both sets of
-- weights, next to whether it churned within the churn-risk horizon: the test
-- of the learnt weights (docs/scoring.md, "Learnt weights"). The held-out date
-- is the newest observed as-of date at engagement__churn_risk_horizon_days; the
-- learnt weights were fitted on the older ones only (int_indicator_weights_learnt).
--   registry_score  the registry's weights, re-normalized and capped, as scored;
--   learnt_score    the learnt shares re-normalized over the indicators the
--                   customer has (null when none of them has a learnt share), on
--                   each indicator's score as learnt (within its peer group or among
--                   all customers: int_indicator_weights_learnt).
-- Incremental by horizon_days like the learnt weights, refitted with them
-- (macros/validity/learnt_weights_incremental.sql).
{{ config(
    pre_hook="{{ delete_stale_partitions('horizon_days', churn_risk_horizon() | string) }}",
    **learnt_weights_config()
) }}

{%- set refit = learnt_weights_need_refit(ref('int_customer_outcomes'), ref('int_scoring_as_of_dates')) %}

with outcomes as (

    select * from {{ ref('int_customer_outcomes') }}
    where is_observed and horizon_days = {{ churn_risk_horizon() }}

),

registry_weighted as (

    select * from {{ ref('int_indicator_weights_registry') }}

),

learnt_weights as (

    select * from {{ ref('int_indicator_weights_learnt') }}

),

input_fingerprint as (

    {{ learnt_weights_input_fingerprint(ref('int_customer_outcomes')) }}

),

held_out as (

    select max(as_of_date) as held_out_on from outcomes

),

held_out_outcomes as (

    select outcomes.*
    from outcomes
    inner join held_out
        on outcomes.as_of_date = held_out.held_out_on

),

customer_scores as (

    select
        registry_weighted.as_of_date,
        registry_weighted.account_id,
        case
            when sum(registry_weighted.effective_weight) > 0
                then sum(registry_weighted.effective_weight * coalesce(registry_weighted.indicator_score, 0))
        end as registry_score,
        sum(case when not registry_weighted.is_excluded then learnt_weights.learnt_share * {{ learnt_indicator_score(
            'registry_weighted', 'learnt_weights') }} end)
        / nullif(sum(case when not registry_weighted.is_excluded then learnt_weights.learnt_share end), 0) as learnt_score
    from registry_weighted
    inner join held_out
        on registry_weighted.as_of_date = held_out.held_out_on
    left join learnt_weights
        on registry_weighted.indicator = learnt_weights.indicator
    group by registry_weighted.as_of_date, registry_weighted.account_id

),

final as (

    select
        held_out_outcomes.as_of_date,
        held_out_outcomes.account_id,
        held_out_outcomes.segment,
        held_out_outcomes.horizon_days,
        held_out_outcomes.is_churned,
        customer_scores.registry_score,
        customer_scores.learnt_score
    from held_out_outcomes
    inner join customer_scores
        on
            held_out_outcomes.as_of_date = customer_scores.as_of_date
            and held_out_outcomes.account_id = customer_scores.account_id

),

-- written only when refitted (with the learnt weights), with the fingerprint of their inputs
written as (

    select
        final.*,
        input_fingerprint.input_rows as learnt_input_rows,
        input_fingerprint.input_checksum as learnt_input_checksum,
        '{{ invocation_id }}' as built_by_invocation_id
    from final
    cross join input_fingerprint
    where {{ learnt_weights_refit_filter(refit) }}

)

select * from written
