-- Every score of every customer at every observed as-of date, one row per score,
-- next to what happened within each horizon: the input of the backtest.
--   score_kind  engagement | element | behaviour | indicator | weights (the registry's
--               and the learnt weights, at the held-out date only);
--   score_name  engagement_score, <element>_score, <behaviour>_score or the indicator;
--   score_value the score rounded to 1e-6, so that equal scores tie on every engine
--               (engines differ in the last bits of a weighted mean);
--   band        the score's band under the customer's segment thresholds.
-- Only observed dates (whole horizon elapsed) and scores with a value: an
-- indicator excluded for a customer (missing, policy `exclude`) takes no part,
-- and one that carried no information for anyone at a date is absent there.
-- Incremental by horizon (macros/validity/backtest_incremental.sql): a run
-- recomputes a horizon only if its observed outcomes changed (fingerprint stored
-- on each row: horizon_input_rows, horizon_input_checksum) or one of its observed
-- dates is in the scoring lookback window; built_by_invocation_id tells the ranks
-- which horizons were rebuilt.
{{ config(
    pre_hook="{{ delete_stale_partitions('horizon_days', 'select horizon_days from ' ~ ref('int_customer_outcomes') ~ ' where is_observed') }}",
    **incremental_by_horizon()
) }}

{%- set horizons = backtest_horizons_with_new_inputs(ref('int_customer_outcomes'), ref('int_scoring_as_of_dates')) %}

with all_outcomes as (

    select * from {{ ref('int_customer_outcomes') }}

),

outcomes as (

    select * from all_outcomes
    where is_observed and {{ backtest_horizon_filter('horizon_days', horizons) }}

),

scores as (

    select * from {{ ref('int_customer_scores') }}

),

group_scores as (

    select * from {{ ref('int_customer_scores_by_group') }}

),

contributions as (

    select * from {{ ref('int_indicator_contributions') }}

),

held_out_weights as (

    select * from {{ ref('int_score_weights_held_out') }}

),

composite_scores as (

    select
        as_of_date,
        account_id,
        'engagement' as score_kind,
        'engagement_score' as score_name,
        engagement_score as score_value
    from scores
    union all
    select
        as_of_date,
        account_id,
        score_kind,
        concat(score_group, '_score') as score_name,
        group_score as score_value
    from group_scores

),

indicator_scores as (

    select
        as_of_date,
        account_id,
        'indicator' as score_kind,
        indicator as score_name,
        indicator_score as score_value
    from contributions
    -- an indicator without data for this customer, or without information for anyone
    -- at the date (zero effective weight), takes no part
    where not is_excluded and effective_weight > 0

),

-- the registry's and the learnt weights side by side, at the held-out date only
-- (the learnt weights were fitted on the older observed dates)
weight_set_scores as (

    select
        as_of_date,
        account_id,
        'weights' as score_kind,
        'registry_weights' as score_name,
        registry_score as score_value
    from held_out_weights
    union all
    select
        as_of_date,
        account_id,
        'weights' as score_kind,
        'learnt_weights' as score_name,
        learnt_score as score_value
    from held_out_weights

),

all_scores as (

    select * from composite_scores
    union all
    select * from indicator_scores
    union all
    select * from weight_set_scores

),

input_fingerprints as (

    {{ backtest_input_fingerprints('all_outcomes') }}

),

final as (

    select
        outcomes.as_of_date,
        outcomes.account_id,
        outcomes.horizon_days,
        outcomes.segment,
        all_scores.score_kind,
        all_scores.score_name,
        {{ score_for_ranking('all_scores.score_value') }} as score_value,
        case
            when {{ score_for_ranking('all_scores.score_value') }} >= {{ band_threshold('outcomes.segment', 'engaged') }}
                then 'engaged'
            when {{ score_for_ranking('all_scores.score_value') }} >= {{ band_threshold('outcomes.segment', 'at_risk') }}
                then 'at_risk'
            else 'disengaged'
        end as band,
        outcomes.is_churned,
        outcomes.is_renewal_lost,
        outcomes.is_expansion_won,
        input_fingerprints.input_rows as horizon_input_rows,
        input_fingerprints.input_checksum as horizon_input_checksum,
        '{{ invocation_id }}' as built_by_invocation_id
    from outcomes
    inner join all_scores
        on
            outcomes.as_of_date = all_scores.as_of_date
            and outcomes.account_id = all_scores.account_id
    inner join input_fingerprints
        on outcomes.horizon_days = input_fingerprints.horizon_days
    where all_scores.score_value is not null

)

select * from final
