{#-
    Incremental runs. A daily run recomputes only what can have changed:
      - event buckets of the periods on or after the start of the lookback
        window (T - engagement__incremental_lookback_days), which includes the
        current period, whose bucket ends on the new T;
      - scores of the as-of dates on or after that day (the current one, and a
        period end that falls inside the window).
    Rows that arrive later than the lookback window are picked up by the next
    `--full-refresh`. Rows of as-of dates that are no longer in the as-of list
    (yesterday's T, a period that slid out of the history) are deleted.
-#}

{#-
    First day whose data an incremental run recomputes: T minus the lookback,
    as a literal read when the model runs (`as_of_dates`, the relation
    int_scoring_as_of_dates the model passes, is built by then), so that filters
    on it can skip old data blocks.
    With `stored_date_column` (the model's own date: as_of_date, or a bucket's
    bucket_end), a run that comes more than a day after the previous one starts
    from the day after the previous run's date (the largest stored date) minus
    the lookback instead: the days the runs skipped (a month end between them,
    a bucket that ended on the previous run's date) are recomputed, as a
    sequence of daily runs would have. The stored dates are read when the model
    is compiled, before its pre-hook deletes stale as-of dates.
-#}
{% macro incremental_lookback_start(as_of_dates, stored_date_column=none) -%}
    {%- if not execute -%}
        {{ return('null') }}
    {%- endif -%}
    {%- set lookback_days = var('engagement__incremental_lookback_days') -%}
    {%- set query -%}
        {%- if stored_date_column and is_incremental() %}
        with run_dates as (
            select
                (select max(as_of_date) from {{ as_of_dates }}) as as_of_date,
                (select cast({{ dbt.dateadd('day', 1, 'max(' ~ stored_date_column ~ ')') }} as date)
                    from {{ this }}) as day_after_previous_run
        )
        select cast({{ dbt.dateadd('day', -lookback_days,
            'case when day_after_previous_run < as_of_date then day_after_previous_run else as_of_date end') }}
            as date)
        from run_dates
        {%- else %}
        select cast({{ dbt.dateadd('day', -lookback_days, 'max(as_of_date)') }} as date)
        from {{ as_of_dates }}
        {%- endif %}
    {%- endset -%}
    {%- set lookback_start = run_query(query).columns[0].values()[0] -%}
    {{ return("cast('" ~ lookback_start ~ "' as date)") }}
{%- endmacro %}


{#-
    A filter on an as-of date column: every date on a full build, the recent
    ones on an incremental run. `as_of_dates` is the model's
    ref('int_scoring_as_of_dates').
-#}
{% macro as_of_dates_to_refresh(date_column, as_of_dates) -%}
    {%- if is_incremental() -%}
        {{ date_column }} >= {{ incremental_lookback_start(as_of_dates, 'as_of_date') }}
    {%- else -%}
        1 = 1
    {%- endif -%}
{%- endmacro %}


{#-
    A filter on a touchpoint's timestamp: every touchpoint on a full build, those
    of the recomputed periods otherwise. Compares the raw timestamp so the
    warehouse can skip old data blocks. `as_of_dates` as above.
-#}
{% macro touchpoints_to_refresh(timestamp_column, as_of_dates) -%}
    {%- if is_incremental() -%}
        {{ timestamp_column }} >= cast({{ period_start_of(incremental_lookback_start(as_of_dates, 'bucket_end')) }}
            as {{ dbt.type_timestamp() }})
    {%- else -%}
        1 = 1
    {%- endif -%}
{%- endmacro %}


{#-
    Pre-hook of the incremental scoring models: drop as-of dates no longer
    scored (on Spark, their partitions; macro delete_stale_partitions). The
    model's config (or dbt_project.yml for a folder) writes the hook with its
    ref: delete_stale_as_of_dates(ref('int_scoring_as_of_dates')).
-#}
{% macro delete_stale_as_of_dates(as_of_dates) -%}
    {{ return(delete_stale_partitions('as_of_date', 'select as_of_date from ' ~ as_of_dates)) }}
{%- endmacro %}


{#-
    Model config of the scoring models that are incremental by as-of date; the
    model adds the pre-hook that deletes stale as-of dates, so the ref is its own:
    {{ config(pre_hook="{{ delete_stale_as_of_dates(ref('int_scoring_as_of_dates')) }}", **incremental_by_as_of_date()) }}
    How a run replaces its as-of dates depends on the engine (incremental_by_partition).
-#}
{% macro incremental_by_as_of_date() -%}
    {%- set model_config = incremental_by_partition('as_of_date') -%}
    {%- do model_config.update({'on_schema_change': 'fail'}) -%}
    {{ return(model_config) }}
{%- endmacro %}


{#- Model config of the event buckets, incremental by history period: {{ config(**incremental_by_period()) }} -#}
{% macro incremental_by_period() -%}
    {{ return(incremental_by_partition('period_start')) }}
{%- endmacro %}
