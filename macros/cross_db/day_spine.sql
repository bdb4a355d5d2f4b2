{#-
    One row per day, column date_day, from start_date to end_date (exclusive):
    the select of the semantic layer's time spine. The default is dbt's
    portable date_spine; Spark plans its cross joins of powers of two as dozens
    of stages (over a minute on 2 cores), where sequence() is one.
-#}
{% macro day_spine(start_date, end_date) -%}
    {{ return(adapter.dispatch('day_spine', 'engagement')(start_date, end_date)) }}
{%- endmacro %}

{% macro default__day_spine(start_date, end_date) -%}
    {{ dbt.date_spine(
        datepart='day',
        start_date="cast('" ~ start_date ~ "' as date)",
        end_date="cast('" ~ end_date ~ "' as date)",
    ) }}
{%- endmacro %}

{% macro spark__day_spine(start_date, end_date) -%}
    select explode(
        sequence(cast('{{ start_date }}' as date), date_sub(cast('{{ end_date }}' as date), 1), interval 1 day)
    ) as date_day
{%- endmacro %}
