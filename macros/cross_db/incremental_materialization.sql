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
