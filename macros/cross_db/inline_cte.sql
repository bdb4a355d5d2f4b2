{#-
    `<name> as {{ inline_cte() }} (...)`: asks the engine to inline a CTE that is
    read more than once instead of storing its result. DuckDB and Postgres store
    such a CTE by default, which for tens of millions of wide rows costs more
    than reading the source twice. Spark always inlines and has no such syntax.
-#}
{% macro inline_cte() -%}
    {{ return(adapter.dispatch('inline_cte', 'engagement')()) }}
{%- endmacro %}

{% macro default__inline_cte() -%}
    {{ return('') }}
{%- endmacro %}

{% macro duckdb__inline_cte() -%}
    {{ return('not materialized') }}
{%- endmacro %}

{% macro postgres__inline_cte() -%}
    {{ return('not materialized') }}
{%- endmacro %}
