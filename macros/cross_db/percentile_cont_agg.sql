{#- Continuous percentile as an aggregate (group by), e.g. the 5th percentile: fraction 0.05. -#}
{% macro percentile_cont_agg(expression, fraction) -%}
    {{ return(adapter.dispatch('percentile_cont_agg', 'engagement')(expression, fraction)) }}
{%- endmacro %}

{% macro default__percentile_cont_agg(expression, fraction) -%}
    percentile_cont({{ fraction }}) within group (order by {{ expression }})
{%- endmacro %}

{% macro spark__percentile_cont_agg(expression, fraction) -%}
    percentile({{ expression }}, {{ fraction }})
{%- endmacro %}
