-- What happened next, per band and per score decile: one row per score, horizon,
-- observed as-of date (or pooled: is_pooled, as_of_date null), segment ('all' or
-- one segment), grouping (`band` or `decile`) and bin (a band's name, or decile
-- '01' lowest scores ... '10' highest), with the share of its customers who
-- churned, lost a renewal or won an expansion within the horizon, and the churn
-- rate's lift over the whole group's.
-- Incremental by horizon (macros/validity/backtest_incremental.sql): a run
-- recomputes the horizons whose ranks were rewritten since (another invocation
-- than ranks_built_by_invocation_id), or that are missing here.
{{ config(
    pre_hook="{{ delete_stale_partitions('horizon_days', 'select horizon_days from ' ~ ref('int_backtest_scores_ranked')) }}",
    **backtest_mart_config()
) }}

{%- set horizons = backtest_horizons_reranked(ref('int_backtest_scores_ranked')) %}

-- one row per grouping a score is judged in (as-of date or pooled, all or segment)
with grouped as (

    select * from {{ ref('int_backtest_scores_grouped') }}
    where {{ backtest_horizon_filter('horizon_days', horizons) }}

),

bin_types as (

    select 'band' as bin_type
    union all
    select 'decile' as bin_type

),

-- each row once per bin type (one scan of the ranks: a union would read them twice)
binned as (

    select
        grouped.*,
        bin_types.bin_type,
        case
            when bin_types.bin_type = 'band' then grouped.band
            else lpad(cast(grouped.score_decile as {{ dbt.type_string() }}), 2, '0')
        end as bin
    from grouped
    cross join bin_types

),

counted as (

    select
        score_kind,
        score_name,
        horizon_days,
        is_pooled,
        as_of_date,
        segment,
        bin_type,
        bin,
        ranks_built_by_invocation_id,
        max(group_customers) as group_customers,
        count(*) as customers,
        min(score_value) as min_score,
        max(score_value) as max_score,
        sum(case when is_churned then 1 else 0 end) as churned_customers,
        sum(case when is_renewal_lost then 1 else 0 end) as renewal_lost_customers,
        sum(case when is_expansion_won then 1 else 0 end) as expansion_won_customers
    from binned
    group by
        score_kind, score_name, horizon_days, is_pooled, as_of_date, segment, bin_type, bin,
        ranks_built_by_invocation_id

),

group_rates as (

    select
        *,
        sum(churned_customers) over (
            partition by score_name, horizon_days, is_pooled, as_of_date, segment, bin_type
        ) / cast(group_customers as {{ type_double() }}) as group_churn_rate
    from counted

),

final as (

    select
        score_kind,
        score_name,
        cast(horizon_days as integer) as horizon_days,
        is_pooled,
        as_of_date,
        segment,
        bin_type,
        bin,
        cast(customers as {{ dbt.type_bigint() }}) as customers,
        cast(min_score as {{ type_double() }}) as min_score,
        cast(max_score as {{ type_double() }}) as max_score,
        cast(churned_customers as {{ dbt.type_bigint() }}) as churned_customers,
        churned_customers / cast(customers as {{ type_double() }}) as churn_rate,
        churned_customers / cast(customers as {{ type_double() }}) / nullif(group_churn_rate, 0) as churn_lift,
        cast(renewal_lost_customers as {{ dbt.type_bigint() }}) as renewal_lost_customers,
        renewal_lost_customers / cast(customers as {{ type_double() }}) as renewal_lost_rate,
        cast(expansion_won_customers as {{ dbt.type_bigint() }}) as expansion_won_customers,
        expansion_won_customers / cast(customers as {{ type_double() }}) as expansion_won_rate,
        ranks_built_by_invocation_id
    from group_rates

)

select * from final
