{#-
    An 8-byte float. dbt.type_float() is 4-byte on DuckDB and Spark, too coarse
    for weights that must add up to the 1e-9 the incremental tests compare at.
-#}
{% macro type_double() -%}
    {{ return(adapter.dispatch('type_double', 'engagement')()) }}
{%- endmacro %}

{% macro default__type_double() -%}
    double precision
{%- endmacro %}

{% macro spark__type_double() -%}
    double
{%- endmacro %}
