{#-
    How an incremental model replaces the part of its table a run recomputes.
    `partition_column` names that part: every row of a value of it present in
    the run's result is replaced (as_of_date for the scores, period_start for
    the buckets). Returns a map of model config, merged into the model's own.
      - DuckDB, Postgres: delete+insert on the column (unique_key).
      - Spark (plain parquet, no delete nor merge): the table is partitioned by
        the column and a run overwrites the partitions of its result
        (insert_overwrite; dbt-spark sets partitionOverwriteMode to dynamic, so
        the other partitions are left as they are).
-#}
{% macro incremental_by_partition(partition_column) -%}
    {{ return(adapter.dispatch('incremental_by_partition', 'engagement')(partition_column)) }}
{%- endmacro %}

{% macro default__incremental_by_partition(partition_column) -%}
    {{ return({
        'materialized': 'incremental',
        'incremental_strategy': 'delete+insert',
        'unique_key': partition_column,
    }) }}
{%- endmacro %}

{% macro spark__incremental_by_partition(partition_column) -%}
    {{ return({
        'materialized': 'incremental',
        'incremental_strategy': 'insert_overwrite',
        'partition_by': [partition_column],
    }) }}
{%- endmacro %}


{#-
    SQL that deletes the rows of an incremental table whose `column` is not in
    `kept_values` (a query of one column), run as a pre-hook; nothing on a full
    build. Spark cannot delete from a parquet table: there the stale values are
    read first and their partitions dropped.
-#}
{% macro delete_stale_partitions(column, kept_values) -%}
    {{ return(adapter.dispatch('delete_stale_partitions', 'engagement')(column, kept_values)) }}
{%- endmacro %}

{% macro default__delete_stale_partitions(column, kept_values) -%}
    {%- if is_incremental() -%}
        delete from {{ this }}
        where {{ column }} not in ({{ kept_values }})
    {%- endif -%}
{%- endmacro %}

{% macro spark__delete_stale_partitions(column, kept_values) -%}
    {%- if is_incremental() and execute -%}
        {%- set query -%}
            select distinct cast({{ column }} as string) from {{ this }}
            where {{ column }} not in ({{ kept_values }})
            order by 1
        {%- endset -%}
        {%- set stale = run_query(query).columns[0].values() -%}
        {%- if stale | length > 0 -%}
            alter table {{ this }} drop if exists
            {%- for value in stale %}
            partition ({{ column }} = '{{ value }}'){{ ',' if not loop.last }}
            {%- endfor %}
        {%- endif -%}
    {%- endif -%}
{%- endmacro %}
