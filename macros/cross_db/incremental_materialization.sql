{#-
    The materialisation of the incremental base models of the event tables
    (delete+insert by raw row key on DuckDB and Postgres). Spark without Delta
    cannot delete from a plain parquet table, so there they are rebuilt in
    full: correct, but every run costs a full staging of those tables. (The
    scores and buckets are incremental on Spark too: incremental_by_partition.)
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
