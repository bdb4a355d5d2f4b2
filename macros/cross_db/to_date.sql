{#- The calendar date of a timestamp (UTC). -#}
{% macro to_date(timestamp_expression) -%}
    {{ return(adapter.dispatch('to_date', 'engagement')(timestamp_expression)) }}
{%- endmacro %}

{% macro default__to_date(timestamp_expression) -%}
    cast({{ timestamp_expression }} as date)
{%- endmacro %}
