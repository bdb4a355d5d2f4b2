{#-
    One row per customer and as-of date of `population` (a CTE of
    int_scoring_population rows) with the recency-weighted touchpoints of
    `touchpoints` (a CTE with account_id and a date column) up to that date,
    weighted with the half-life in `settings` (a one-row CTE with the
    indicator's half_life_days, from int_indicator_registry):
      touchpoint_count   touchpoints on or before the as-of date;
      weighted_count     sum of their recency weights;
      weighted_value     sum of weight * value_expression (for weighted averages).
    Customers with no touchpoints get 0 counts and a null weighted_value.
    `value_expression` may use the aliases population and touchpoints.
-#}
{% macro weighted_touchpoints(population, touchpoints, date_column, settings, value_expression='1') %}
    {%- set weight = recency_weight('touchpoints.' ~ date_column, 'population.as_of_date', 'settings.half_life_days') -%}
    select
        population.as_of_date,
        population.account_id,
        count(touchpoints.account_id) as touchpoint_count,
        coalesce(sum({{ weight }}), 0) as weighted_count,
        sum({{ weight }} * ({{ value_expression }})) as weighted_value
    from {{ population }} as population
    cross join {{ settings }} as settings
    left join {{ touchpoints }} as touchpoints
        on
            population.account_id = touchpoints.account_id
            and touchpoints.{{ date_column }} <= population.as_of_date
    group by population.as_of_date, population.account_id
{% endmacro %}


{#-
    The indicator a model computes: its name without the int_indicator__ prefix.
    Under a unit test `model` is the test, so the tested model's name is used.
-#}
{% macro this_indicator() -%}
    {%- set model_name = model.name -%}
    {%- if model.resource_type == 'unit_test' -%}
        {%- set model_name = model.tested_node_unique_id.split('.')[-1] -%}
    {%- endif -%}
    {{ return(model_name | replace('int_indicator__', '')) }}
{%- endmacro %}


{#-
    The columns every indicator model returns, in order: as_of_date, account_id,
    indicator, raw_value (null = no data; the registry's when_missing decides),
    evidence_count (touchpoints or rows behind the value) and weighted_evidence
    (their summed recency weight; null for indicators that are not touchpoints).
    Raw value and weighted evidence are rounded (stable_value), so that values
    equal in exact arithmetic are equal whatever order a sum ran in.
-#}
{% macro indicator_columns(relation, raw_value, evidence_count, weighted_evidence='null') -%}
        {{ relation }}.as_of_date,
        {{ relation }}.account_id,
        '{{ this_indicator() }}' as indicator,
        {{ stable_value('cast(' ~ raw_value ~ ' as ' ~ type_double() ~ ')') }} as raw_value,
        cast({{ evidence_count }} as {{ dbt.type_bigint() }}) as evidence_count,
        {{ stable_value('cast(' ~ weighted_evidence ~ ' as ' ~ type_double() ~ ')') }} as weighted_evidence
{%- endmacro %}
