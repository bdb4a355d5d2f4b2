{#-
    The book-of-business KPIs (docs: models/docs/book_kpis.md), in the order
    the KPI mart lists them. Every one is better when higher.
-#}
{% macro book_kpi_metrics() -%}
    {{ return([
        'logo_retention_pct',
        'gross_revenue_retention_pct',
        'net_revenue_retention_pct',
        'nps',
        'promoters_pct',
        'advocacy_rate_pct',
        'engaged_customers_pct',
        'engaged_contract_value_pct',
    ]) }}
{%- endmacro %}

{#-
    Score velocity, in points per month: the least-squares slope of
    `score_column` over the last `periods` periods (the row's own and the
    periods - 1 before it), with x = the days between as-of dates / 30.4375 (365.25 / 12).
    Null with fewer than 3 scores in that window. `relation` is a CTE with
    `partition_columns`, as_of_date, period_index and the score; the select
    returns the partition columns, as_of_date and score_velocity_points_per_month.
-#}
{% macro score_velocity(relation, partition_columns, score_column, periods=none) -%}
    {%- set periods = periods or var('engagement__velocity_periods') %}
    {%- set x = '(cast(' ~ dbt.datediff('current_row.as_of_date', 'window_row.as_of_date', 'day')
        ~ ' as ' ~ type_double() ~ ') / cast(30.4375 as ' ~ type_double() ~ '))' %}
    {%- set y = 'cast(window_row.' ~ score_column ~ ' as ' ~ type_double() ~ ')' %}
    select
        {%- for column in partition_columns %}
        current_row.{{ column }},
        {%- endfor %}
        current_row.as_of_date,
        case
            when count(window_row.{{ score_column }}) >= 3
                then
                    (count(window_row.{{ score_column }}) * sum({{ x }} * {{ y }}) - sum({{ x }}) * sum({{ y }}))
                    / nullif(count(window_row.{{ score_column }}) * sum({{ x }} * {{ x }}) - sum({{ x }}) * sum({{ x }}), 0)
        end as score_velocity_points_per_month
    from {{ relation }} as current_row
    left join {{ relation }} as window_row
        on
            {%- for column in partition_columns %}
            current_row.{{ column }} = window_row.{{ column }} and
            {%- endfor %}
            window_row.period_index >= current_row.period_index
            and window_row.period_index < current_row.period_index + {{ periods }}
            and window_row.{{ score_column }} is not null
    group by
        {%- for column in partition_columns %}
        current_row.{{ column }},
        {%- endfor %}
        current_row.as_of_date
{%- endmacro %}
