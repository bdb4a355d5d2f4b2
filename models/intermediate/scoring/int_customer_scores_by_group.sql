-- The element and behaviour scores of each customer and as-of date, one row per
-- group: the weighted mean (registry weights) of the group's indicator scores,
-- 0-100. The groups are data: an indicator's element and behaviour come from
-- the registry seed (engagement_indicators), the elements and their weights
-- from engagement_element_weights, both read by int_indicator_registry; a group
-- added there gets its rows here without a code change. Excluded indicators
-- (missing, policy `exclude`) take no part; a group whose indicators are all
-- excluded has a null score.
-- A view: int_customer_scores pivots the rows of the dates it refreshes into
-- its columns, and the backtest reads them as they are.
{{ config(materialized=view_materialization()) }}

with contributions as (

    select * from {{ ref('int_indicator_contributions') }}

),

grouped as (

    select
        as_of_date,
        account_id,
        'element' as score_kind,
        element as score_group,
        weight,
        indicator_score,
        is_excluded
    from contributions

    union all

    select
        as_of_date,
        account_id,
        'behaviour' as score_kind,
        behaviour as score_group,
        weight,
        indicator_score,
        is_excluded
    from contributions

),

final as (

    select
        as_of_date,
        account_id,
        score_kind,
        score_group,
        -- clamped only against float rounding (a weighted mean of 100s can be 100 + 1e-14)
        {{ clamp_0_100(
            'sum(case when not is_excluded then weight * indicator_score end)'
            ~ ' / nullif(sum(case when not is_excluded then weight end), 0)'
        ) }} as group_score
    from grouped
    group by as_of_date, account_id, score_kind, score_group

)

select * from final
