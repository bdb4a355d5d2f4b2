-- The backtest's ranks read back as one row per grouping a score is judged in
-- (macro backtest_groupings: per as-of date or pooled, all customers or one
-- segment), in the long form the backtest marts aggregate: is_pooled, as_of_date
-- (null when pooled), segment ('all' or the customer's), scored_on (the as-of
-- date the customer was scored at), and that grouping's group_customers,
-- score_decile and risk_rank. A view: the marts stream it once each, filtered on
-- the horizons they recompute, and nothing is written four times.
{{ config(materialized='view') }}

{%- set groupings = backtest_groupings() %}

with ranked as (

    select * from {{ ref('int_backtest_scores_ranked') }}

),

groupings as (

    {%- for grouping, columns in groupings.items() %}
    select
        '{{ grouping }}' as grouping_name,
        {{ 'false' if 'as_of_date' in columns else 'true' }} as is_pooled,
        {{ 'true' if 'segment' in columns else 'false' }} as is_by_segment
    {% if not loop.last %}union all{% endif %}
    {%- endfor %}

),

-- one scan of the ranks crossed with the four groupings (a union of four selects
-- would read them four times)
final as (

    select
        ranked.score_kind,
        ranked.score_name,
        ranked.horizon_days,
        groupings.is_pooled,
        case when groupings.is_pooled then cast(null as date) else ranked.as_of_date end as as_of_date,
        case when groupings.is_by_segment then ranked.segment else 'all' end as segment,
        ranked.as_of_date as scored_on,
        ranked.account_id,
        ranked.score_value,
        ranked.band,
        ranked.is_churned,
        ranked.is_renewal_lost,
        ranked.is_expansion_won,
        {%- for measure, column in [('customers', 'group_customers'), ('decile', 'score_decile'), ('risk_rank', 'risk_rank')] %}
        case groupings.grouping_name
            {%- for grouping in groupings %}
            when '{{ grouping }}' then ranked.{{ grouping }}_{{ measure }}
            {%- endfor %}
        end as {{ column }},
        {%- endfor %}
        ranked.built_by_invocation_id as ranks_built_by_invocation_id
    from ranked
    cross join groupings

)

select * from final
