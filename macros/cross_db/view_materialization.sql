{#-
    The materialisation of models that are views where the engine allows:
    cheap to compute, read by one model, or a thin projection of a stored table.
    Spark recomputes a view's whole chain in every query that reads it, so
    there they are stored.
-#}
{% macro view_materialization() -%}
    {{ return(adapter.dispatch('view_materialization', 'engagement')()) }}
{%- endmacro %}

{% macro default__view_materialization() -%}
    {{ return('view') }}
{%- endmacro %}

{% macro spark__view_materialization() -%}
    {{ return('table') }}
{%- endmacro %}
