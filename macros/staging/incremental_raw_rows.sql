{#-
    Incremental staging of the append-only event tables (usage_events,
    email_events, deployments, survey invitations and responses).
    A run reads only the raw rows stamped on or after the latest kept row's
    timestamp minus engagement__incremental_lookback_days (rows without a
    timestamp are always read: they are few and always rejected). The base
    model then replaces every stored row of the keys it read (delete+insert on
    dq_row_key; on Spark by month partition: macros/cross_db/incremental_by_raw_row_key.sql),
    so each key's earlier versions stored outside the window are brought back
    to compete for "latest" (raw_rows_with_earlier_versions).
    A row that arrives later than the window is left for the next
    --full-refresh; assert_raw_rows_reconcile fails until then, so it is never
    lost silently.
-#}

{#-
    The first timestamp an incremental run reads, as a literal: read from the
    table when the model runs, so the warehouse can use it to skip old data
    blocks (a scalar subquery in the filter would stop that).
-#}
{% macro incremental_raw_window_start(timestamp_column) -%}
    {%- if not execute -%}
        {{ return('null') }}
    {%- endif -%}
    {%- set query -%}
        select {{ dbt.dateadd('day', -var('engagement__incremental_lookback_days'), 'max(' ~ timestamp_column ~ ')') }}
        from {{ this }}
        where dq_disposition = 'kept'
    {%- endset -%}
    {%- set window_start = run_query(query).columns[0].values()[0] -%}
    {{ return(timestamp_literal(window_start)) }}
{%- endmacro %}


{#- A timestamp value as a SQL literal; none (an empty table) reads everything. -#}
{% macro timestamp_literal(value) -%}
    {%- if value is none -%}
        {{ return("cast('1900-01-01 00:00:00' as " ~ dbt.type_timestamp() ~ ")") }}
    {%- endif -%}
    {{ return("cast('" ~ value ~ "' as " ~ dbt.type_timestamp() ~ ")") }}
{%- endmacro %}


{#- The where clause picking the raw rows an incremental run reads (none on a full build). -#}
{% macro raw_rows_to_refresh(timestamp_column) -%}
    {%- if is_incremental() -%}
    where
        {{ timestamp_column }} is null
        or {{ timestamp_column }} >= {{ incremental_raw_window_start(timestamp_column) }}
    {%- endif -%}
{%- endmacro %}


{#-
    `rows` (a CTE of normalized raw rows read this run) plus, on an incremental
    run, the stored rows of the same keys stamped before the window.
    `columns` are the CTE's columns, which the base model stores unchanged.
-#}
{% macro raw_rows_with_earlier_versions(rows, key_columns, timestamp_column, columns) %}
    select * from {{ rows }}
    {%- if is_incremental() %}
    union all
    select {{ columns | join(', ') }}
    from {{ this }}
    where
        {{ timestamp_column }} < {{ incremental_raw_window_start(timestamp_column) }}
        and dq_row_key in (select {{ raw_row_key(key_columns) }} from {{ rows }})
    {%- endif %}
{% endmacro %}
