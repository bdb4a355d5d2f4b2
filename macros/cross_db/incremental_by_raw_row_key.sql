{#-
    How the incremental base models of the event tables (usage_events,
    email_events, deployments, survey invitations and responses) store a run
    (macros/staging/incremental_raw_rows.sql says what a run reads).
      - DuckDB, Postgres: delete+insert on dq_row_key: the stored rows of every
        key the run read are replaced by the run's result.
      - Spark (plain parquet, no delete nor merge): the table is partitioned by
        dq_partition_month, the month of the row's timestamp (null without one;
        a day per partition would make thousands of small files), and a run
        overwrites whole months (insert_overwrite, dynamic partition overwrite:
        the months absent from its result keep their files). So the run emits
        every month it touches whole: its reclassified rows plus the stored
        rows of those months whose keys it did not read, unchanged
        (raw_rows_to_store). An earlier version brought back from an old month
        rewrites that month. (That holds for the pure event tables too: a row
        arriving later can change an old row's dq_version_rank, when the old
        row was rejected and the new one is valid, so old months cannot be
        left alone.)
-#}

{#-
    Model config of the incremental base models: {{ config(**incremental_by_raw_row_key()) }}.
    A change of columns stops the run (dbt's "out of sync" error) until a --full-refresh.
-#}
{% macro incremental_by_raw_row_key() -%}
    {{ return(adapter.dispatch('incremental_by_raw_row_key', 'engagement')()) }}
{%- endmacro %}

{% macro default__incremental_by_raw_row_key() -%}
    {{ return({
        'materialized': 'incremental',
        'incremental_strategy': 'delete+insert',
        'unique_key': 'dq_row_key',
        'on_schema_change': 'fail',
    }) }}
{%- endmacro %}

{% macro spark__incremental_by_raw_row_key() -%}
    {{ return({
        'materialized': 'incremental',
        'incremental_strategy': 'insert_overwrite',
        'partition_by': ['dq_partition_month'],
        'on_schema_change': 'fail',
    }) }}
{%- endmacro %}


{#-
    Body of the base model's `final` CTE: what the run stores, from `rows` (the
    classified rows). DuckDB, Postgres: `rows` as they are.
-#}
{% macro raw_rows_to_store(rows, timestamp_column) %}
    {{- return(adapter.dispatch('raw_rows_to_store', 'engagement')(rows, timestamp_column)) -}}
{% endmacro %}

{% macro default__raw_rows_to_store(rows, timestamp_column) %}
    select * from {{ rows }}
{% endmacro %}

{#-
    Spark: `rows` with their month (the partition), plus on an incremental run
    the stored rows of the months the run overwrites whose keys it did not read.
    Those months are the window's (from the window start's month on), the one
    of the rows without a timestamp (always read), and those of the earlier
    versions brought back. Each branch filters the partition column alone, so
    Spark reads only those partitions (the earlier versions' months by dynamic
    partition pruning).
-#}
{% macro spark__raw_rows_to_store(rows, timestamp_column) %}
{%- set month_of = "cast(" ~ dbt.date_trunc('month', '@') ~ " as date)" -%}
    select
        {{ rows }}.*,
        {{ month_of.replace('@', rows ~ '.' ~ timestamp_column) }} as dq_partition_month
    from {{ rows }}
    {%- if is_incremental() %}
    {%- set window_month = month_of.replace('@', incremental_raw_window_start(timestamp_column)) %}
    union all
    select stored.*
    from {{ this }} as stored
    left anti join {{ rows }}
        on stored.dq_row_key = {{ rows }}.dq_row_key
    where stored.dq_partition_month >= {{ window_month }} or stored.dq_partition_month is null
    union all
    select stored.*
    from {{ this }} as stored
    left anti join {{ rows }}
        on stored.dq_row_key = {{ rows }}.dq_row_key
    where
        stored.dq_partition_month < {{ window_month }}
        and stored.dq_partition_month in (
            select {{ month_of.replace('@', timestamp_column) }}
            from {{ rows }}
            where {{ timestamp_column }} < {{ window_month }}
        )
    {%- endif %}
{% endmacro %}
