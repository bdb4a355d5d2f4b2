-- Does a low score come before churn, a lost renewal, fewer expansions? One row per
-- score (engagement, element, say / stay / spend, indicator), outcome, horizon,
-- observed as-of date (or pooled over all of them: is_pooled, as_of_date null) and
-- segment ('all' or one segment). Every figure asks the same question, "does a LOW
-- score come first?": for churn and lost renewals a good score has AUC above 0.5
-- and lift above 1; for won expansions, below.
-- Incremental by horizon (macros/validity/backtest_incremental.sql): a run
-- recomputes the horizons whose ranks were rewritten since (another invocation
-- than ranks_built_by_invocation_id), or that are missing here.
{{ config(
    pre_hook="{{ delete_stale_partitions('horizon_days', 'select horizon_days from ' ~ ref('int_backtest_scores_ranked')) }}",
    **backtest_mart_config()
) }}

{%- set horizons = backtest_horizons_reranked(ref('int_backtest_scores_ranked')) %}
{%- set backtest_outcomes = ['churned', 'renewal_lost', 'expansion_won'] %}

-- one row per grouping a score is judged in (as-of date or pooled, all or segment)
with grouped as (

    select * from {{ ref('int_backtest_scores_grouped') }}
    where {{ backtest_horizon_filter('horizon_days', horizons) }}

),

outcome_names as (

    {%- for outcome in backtest_outcomes %}
    select '{{ outcome }}' as outcome
    {% if not loop.last %}union all{% endif %}
    {%- endfor %}

),

-- one row per outcome (one scan of the ranks: a union per outcome would read them three times)
outcomes as (

    select
        grouped.*,
        outcome_names.outcome,
        case outcome_names.outcome
            {%- for outcome in backtest_outcomes %}
            when '{{ outcome }}' then grouped.is_{{ outcome }}
            {%- endfor %}
        end as has_outcome
    from grouped
    cross join outcome_names

),

counted as (

    select
        score_kind,
        score_name,
        outcome,
        horizon_days,
        is_pooled,
        as_of_date,
        segment,
        ranks_built_by_invocation_id,
        count(*) as customers,
        sum(case when has_outcome then 1 else 0 end) as outcome_customers,
        sum(case when has_outcome then risk_rank else 0 end) as sum_outcome_risk_rank,
        sum(case when score_decile = 1 then 1 else 0 end) as bottom_decile_customers,
        sum(case when score_decile = 1 and has_outcome then 1 else 0 end) as bottom_decile_outcome_customers,
        sum(case when band in ('at_risk', 'disengaged') then 1 else 0 end) as low_band_customers,
        sum(case when band in ('at_risk', 'disengaged') and has_outcome then 1 else 0 end)
            as low_band_outcome_customers
    from outcomes
    group by
        score_kind, score_name, outcome, horizon_days, is_pooled, as_of_date, segment, ranks_built_by_invocation_id

),

rated as (

    select
        *,
        outcome_customers / cast(customers as {{ type_double() }}) as base_rate,
        bottom_decile_outcome_customers / cast(nullif(bottom_decile_customers, 0) as {{ type_double() }})
            as bottom_decile_rate,
        low_band_outcome_customers / cast(nullif(low_band_customers, 0) as {{ type_double() }}) as low_band_rate
    from counted

),

final as (

    select
        score_kind,
        score_name,
        outcome,
        cast(horizon_days as integer) as horizon_days,
        is_pooled,
        as_of_date,
        segment,
        cast(customers as {{ dbt.type_bigint() }}) as customers,
        cast(outcome_customers as {{ dbt.type_bigint() }}) as outcome_customers,
        base_rate,
        cast(
            {{ auc_from_ranks('sum_outcome_risk_rank', 'outcome_customers', 'customers - outcome_customers') }}
            as {{ type_double() }}
        ) as auc,
        cast(bottom_decile_customers as {{ dbt.type_bigint() }}) as bottom_decile_customers,
        cast(bottom_decile_outcome_customers as {{ dbt.type_bigint() }}) as bottom_decile_outcome_customers,
        bottom_decile_rate,
        bottom_decile_rate / nullif(base_rate, 0) as bottom_decile_lift,
        cast(low_band_customers as {{ dbt.type_bigint() }}) as low_band_customers,
        cast(low_band_outcome_customers as {{ dbt.type_bigint() }}) as low_band_outcome_customers,
        low_band_rate,
        low_band_rate / nullif(base_rate, 0) as low_band_lift,
        low_band_rate as low_band_precision,
        low_band_outcome_customers / cast(nullif(outcome_customers, 0) as {{ type_double() }}) as low_band_recall,
        ranks_built_by_invocation_id
    from rated

)

select * from final
