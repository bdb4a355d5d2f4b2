-- The backtest's scores placed in each group they are judged in, and ranked there.
-- A group is one score and horizon, at one observed as-of date or pooled over all
-- of them (is_pooled, as_of_date null), for all customers or one segment
-- (segment 'all' or the segment). Within a group:
--   score_decile  1 = the lowest tenth of scores ... 10 = the highest; ties share
--                 a decile (1 + floor(10 * (rank - 1) / customers), rank by score);
--   risk_rank     the customer's rank from the highest score (1) down to the
--                 lowest, ties sharing the mean of their ranks: the AUC's ranks.
-- Incremental by horizon (macros/validity/backtest_incremental.sql): a run ranks
-- again, whole, the horizons whose unpivoted scores were rebuilt by another
-- invocation than the one these ranks were computed from
-- (inputs_built_by_invocation_id); built_by_invocation_id tells the marts which
-- horizons this run rewrote.
{{ config(
    pre_hook="{{ delete_stale_partitions('horizon_days', 'select horizon_days from ' ~ ref('int_backtest_scores_unpivoted')) }}",
    **incremental_by_horizon()
) }}

{%- set horizons = backtest_horizons_rebuilt_upstream(ref('int_backtest_scores_unpivoted')) %}

with scores as (

    select * from {{ ref('int_backtest_scores_unpivoted') }}
    where {{ backtest_horizon_filter('horizon_days', horizons) }}

),

grouped as (

    {%- for is_pooled in [false, true] %}
    {%- for by_segment in [false, true] %}
    select
        score_kind,
        score_name,
        horizon_days,
        {{ 'true' if is_pooled else 'false' }} as is_pooled,
        {{ 'cast(null as date)' if is_pooled else 'as_of_date' }} as group_as_of_date,
        {{ 'segment' if by_segment else "'all'" }} as group_segment,
        as_of_date as scored_on,
        account_id,
        score_value,
        band,
        is_churned,
        is_renewal_lost,
        is_expansion_won,
        built_by_invocation_id as inputs_built_by_invocation_id
    from scores
    {% if not loop.last %}union all{% endif %}
    {%- endfor %}
    {% if not loop.last %}union all{% endif %}
    {%- endfor %}

),

ranked as (

    -- one sort per group: the descending rank and the ties come from the ascending
    -- order (the ties are the rows of the current value: a range frame's peers)
    select
        *,
        count(*) over (
            partition by score_name, horizon_days, is_pooled, group_as_of_date, group_segment
        ) as group_customers,
        rank() over (
            partition by score_name, horizon_days, is_pooled, group_as_of_date, group_segment
            order by score_value asc
        ) as ascending_rank,
        count(*) over (
            partition by score_name, horizon_days, is_pooled, group_as_of_date, group_segment
            order by score_value asc
            range between current row and current row
        ) as tied_customers
    from grouped

),

final as (

    select
        score_kind,
        score_name,
        horizon_days,
        is_pooled,
        group_as_of_date as as_of_date,
        group_segment as segment,
        scored_on,
        account_id,
        score_value,
        band,
        is_churned,
        is_renewal_lost,
        is_expansion_won,
        group_customers,
        cast(1 + floor(10 * (ascending_rank - 1) / cast(group_customers as {{ type_double() }})) as integer)
            as score_decile,
        -- rank from the highest score: the customers above this value, plus 1
        group_customers - (ascending_rank + tied_customers - 1) + 1
        + (tied_customers - 1) / cast(2 as {{ type_double() }}) as risk_rank,
        inputs_built_by_invocation_id,
        '{{ invocation_id }}' as built_by_invocation_id
    from ranked

)

select * from final
