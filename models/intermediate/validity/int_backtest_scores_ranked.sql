-- The backtest's scores ranked in each of the four groups they are judged in: one
-- row per score, horizon, as-of date and customer, with one set of columns per
-- grouping (one wide row rather than four long ones: a quarter of the rows to
-- write, and the marts read each grouping's columns):
--   date_all_*        the customers scored at the same as-of date;
--   date_segment_*    the customers of the same segment at the same as-of date;
--   pooled_all_*      every customer-date of the horizon (all observed as-of dates);
--   pooled_segment_*  every customer-date of the same segment.
-- Each group is also the same score and horizon. Within a group:
--   *_customers  rows in the group;
--   *_decile     1 = the lowest tenth of scores ... 10 = the highest; ties share
--                a decile (1 + floor(10 * (rank - 1) / customers), rank by score);
--   *_risk_rank  the rank from the highest score (1) down to the lowest, ties
--                sharing the mean of their ranks: the AUC's ranks.
-- int_backtest_scores_grouped reads the groupings back as rows, for the marts.
-- Incremental by horizon (macros/validity/backtest_incremental.sql): a run ranks
-- again, whole, the horizons whose unpivoted scores were rebuilt by another
-- invocation than the one these ranks were computed from
-- (inputs_built_by_invocation_id); built_by_invocation_id tells the marts which
-- ranks each of their horizons was computed from.
{{ config(
    pre_hook="{{ delete_stale_partitions('horizon_days', 'select horizon_days from ' ~ ref('int_backtest_scores_unpivoted')) }}",
    **incremental_by_horizon()
) }}

{%- set horizons = backtest_horizons_rebuilt_upstream(ref('int_backtest_scores_unpivoted')) %}

with scores as (

    select * from {{ ref('int_backtest_scores_unpivoted') }}
    where {{ backtest_horizon_filter('horizon_days', horizons) }}

),

ranked as (

    -- one sort per grouping: the descending rank and the ties come from the
    -- ascending order (the ties are the rows of the current value: a range frame's peers)
    select
        {%- for grouping, columns in backtest_groupings().items() %}
        count(*) over (
            partition by {{ (['score_name', 'horizon_days'] + columns) | join(', ') }}
        ) as {{ grouping }}_customers,
        rank() over (
            partition by {{ (['score_name', 'horizon_days'] + columns) | join(', ') }}
            order by score_value asc
        ) as {{ grouping }}_ascending_rank,
        count(*) over (
            partition by {{ (['score_name', 'horizon_days'] + columns) | join(', ') }}
            order by score_value asc
            range between current row and current row
        ) as {{ grouping }}_tied_customers,
        {%- endfor %}
        *
    from scores

),

final as (

    select
        score_kind,
        score_name,
        horizon_days,
        as_of_date,
        segment,
        account_id,
        score_value,
        band,
        is_churned,
        is_renewal_lost,
        is_expansion_won,
        {%- for grouping in backtest_groupings() %}
        {{ grouping }}_customers,
        cast(
            1 + floor(10 * ({{ grouping }}_ascending_rank - 1) / cast({{ grouping }}_customers as {{ type_double() }}))
            as integer
        ) as {{ grouping }}_decile,
        -- rank from the highest score: the customers above this value, plus 1
        {{ grouping }}_customers - ({{ grouping }}_ascending_rank + {{ grouping }}_tied_customers - 1) + 1
        + ({{ grouping }}_tied_customers - 1) / cast(2 as {{ type_double() }}) as {{ grouping }}_risk_rank,
        {%- endfor %}
        built_by_invocation_id as inputs_built_by_invocation_id,
        '{{ invocation_id }}' as built_by_invocation_id
    from ranked

)

select * from final
