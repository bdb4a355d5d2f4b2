{#-
    A cast that gives null for a value that cannot be read, instead of failing
    the whole query. The project's own dispatch (namespace `engagement`), so it
    works the same when this project is installed as a package, and a consumer
    can override it (dispatch config, as for dbt-utils). dbt's own safe_cast is
    a plain cast on DuckDB (dbt-duckdb 1.11.1) and on Postgres; the DuckDB and
    Postgres versions are in duckdb_safe_cast.sql and postgres_safe_cast.sql.
-#}
{% macro safe_cast(field, type) -%}
    {{ return(adapter.dispatch('safe_cast', 'engagement')(field, type)) }}
{%- endmacro %}

{#- Elsewhere (Spark: a cast of an unreadable value is null already), dbt's. -#}
{% macro default__safe_cast(field, type) -%}
    {{ return(dbt.safe_cast(field, type)) }}
{%- endmacro %}
