{#-
    The materialisation of the models that are incremental on DuckDB and
    Postgres (delete+insert, and a pre-hook that deletes stale as-of dates).
    Spark without Delta cannot delete from a plain parquet table, so there they
    are rebuilt in full: correct, but every run costs a full build.
-#}
{% macro incremental_materialization() -%}
    {{ return(adapter.dispatch('incremental_materialization', 'engagement')()) }}
{%- endmacro %}

{% macro default__incremental_materialization() -%}
    {{ return('incremental') }}
{%- endmacro %}

{% macro spark__incremental_materialization() -%}
    {{ return('table') }}
{%- endmacro %}


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
