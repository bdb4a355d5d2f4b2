{#-
    Sources a user may not have: `engagement__using_<source>: false` switches
    one off (support, survey, marketing, product; CRM is always needed). The
    staging models of a switched-off source then read nothing and yield zero
    rows of the contract's columns, so the DAG stays the same, and the
    indicators fed only by it carry no information and drop out for every
    customer (int_indicator_health, docs/scoring.md).
-#}
{% macro source_is_used(source_name) -%}
    {{ return(source_name == 'crm' or var('engagement__using_' ~ source_name, true) | string | lower == 'true') }}
{%- endmacro %}


{#- Zero rows with every contract column of a raw table, typed. -#}
{% macro empty_raw_source(source_name, table_name) %}
    select
    {%- for column in raw_contract_columns(source_name, table_name) %}
        cast(null as {{ contract_sql_type(column.data_type) }}) as {{ column.name }},
    {%- endfor %}
        {#- the two columns select_raw_source adds about unreadable values #}
        cast(null as {{ dbt.type_string() }}) as dq_unreadable,
        cast(null as {{ dbt.type_string() }}) as dq_flag
    {#- a one-row values list everywhere: Spark, Postgres and DuckDB all accept it #}
    from (select 1 as no_row) as switched_off
    where 1 = 0
{% endmacro %}
