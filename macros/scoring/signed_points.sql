{#-
    Points as a CS lead reads them: rounded to one decimal, with a sign,
    e.g. '+5.1', '-3.0', '+0.0'. Portable: a decimal(18, 1) cast rounds and
    prints the same way on DuckDB, Postgres and Spark.
-#}
{% macro signed_points(expression) -%}
    concat(
        case when cast({{ expression }} as decimal(18, 1)) >= 0 then '+' else '' end,
        cast(cast({{ expression }} as decimal(18, 1)) as {{ dbt.type_string() }})
    )
{%- endmacro %}
