{#-
    dbt.safe_cast on DuckDB. dbt-duckdb 1.11.1 has no duckdb__safe_cast, so
    dbt's default (a plain cast) would stop the whole build on one unreadable
    raw value ('abc' in a number column, '2025-02-30' in a date column).
    DuckDB's try_cast gives null instead, and staging rejects the row with a
    reason (or, for an optional column, keeps it and flags the value). dbt picks
    this over its default__safe_cast through dispatch (root project first).
-#}
{% macro duckdb__safe_cast(field, type) -%}
    try_cast({{ field }} as {{ type }})
{%- endmacro %}
