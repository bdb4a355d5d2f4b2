{#-
    The backtest, incremental by horizon (issue #17). Every backtest table is
    partitioned by horizon_days (incremental_by_partition: delete+insert on
    DuckDB and Postgres, insert_overwrite of partitions on Spark), and a run
    rewrites a horizon only when what it is computed from can have changed:

    int_backtest_scores_unpivoted recomputes horizon H when
      (a) the fingerprint of H's observed outcomes changed: the observed as-of
          dates (a month end whose horizon has elapsed, one that slid out of
          the history), a customer's segment or an outcome (a late churned_on,
          an opportunity closed late) at any observed date; the fingerprint
          (rows, and a sum of row checksums) is stored on each row of H;
      (b) an observed date of H lies in the lookback window the scoring models
          rewrite in an incremental run (from T - engagement__incremental_lookback_days):
          its scores can have changed. Scores of older as-of dates are frozen
          between full refreshes (macros/scoring/incremental_scoring.sql), so
          they cannot have changed;
    int_backtest_scores_ranked recomputes H when the unpivoted rows of H were
    built by another dbt invocation than the ranks it holds for H (each table
    stores, per row, the invocation that built its inputs), so a run that
    failed between the two is caught up by the next;
    fct_score_backtest and fct_score_backtest_bins recompute H when the ranks
    of H were written by another invocation than the one their rows of H record
    (ranks_built_by_invocation_id), or H is missing from the mart, so a mart
    left out of a run (or failing in it) is caught up by the next.

    A horizon is recomputed whole (every as-of date and the pooled groups), so
    what is written is exactly what a full refresh computes from the same
    inputs. Horizons no longer observed (or removed from
    engagement__outcome_horizons_days) are deleted by the models' pre-hooks
    (delete_stale_partitions).
-#}

{#-
    A checksum (an integer) of a string, summed over rows to fingerprint a set
    of rows. Engine specific: DuckDB hash(), Postgres md5, Spark hash(). Only
    compared with values computed on the same engine.
-#}
{% macro row_checksum(string_expression) -%}
    {{ return(adapter.dispatch('row_checksum', 'engagement')(string_expression)) }}
{%- endmacro %}

{% macro default__row_checksum(string_expression) -%}
    cast(hash({{ string_expression }}) % 1000000007 as {{ dbt.type_bigint() }})
{%- endmacro %}

{% macro postgres__row_checksum(string_expression) -%}
    cast(('x' || substr(md5({{ string_expression }}), 1, 8))::bit(32)::integer as bigint)
{%- endmacro %}

{% macro spark__row_checksum(string_expression) -%}
    cast(hash({{ string_expression }}) as bigint)
{%- endmacro %}


{#-
    The row_checksum of one row's `fields` (column expressions, a null as '~')
    and of `settings` (a JSON string of the settings the result depends on),
    joined with '|': summed over rows, the fingerprint the incremental backtest
    and learnt weights compare with the one stored.
-#}
{% macro fields_checksum(fields, settings) -%}
    {%- set parts = ["'" ~ settings | replace("'", "''") ~ "'", "'|'"] -%}
    {%- for field in fields -%}
        {%- do parts.append("coalesce(cast(" ~ field ~ " as " ~ dbt.type_string() ~ "), '~')") -%}
        {%- if not loop.last -%}{%- do parts.append("'|'") -%}{%- endif -%}
    {%- endfor -%}
    {{ row_checksum(dbt.concat(parts)) }}
{%- endmacro %}


{#-
    SQL: per horizon, the fingerprint of the observed outcomes the backtest is
    computed from, read from `outcomes` (a relation or CTE shaped like
    int_customer_outcomes): horizon_days, input_rows, input_checksum and
    last_observed_on (the latest observed as-of date). The checksum covers the
    band thresholds too, so changing them recomputes every horizon; a change to
    the registry seeds (weights, elements, behaviours) needs --full-refresh, as
    any change to the scoring configuration does.
-#}
{% macro backtest_input_fingerprints(outcomes) -%}
    {%- set fields = [
        'as_of_date', 'account_id', 'segment', 'is_churned', 'is_renewal_lost', 'is_expansion_won',
    ] -%}
    {#- the settings the backtest applies to the scores: a change recomputes every horizon -#}
    {%- set settings = [
        var('engagement__band_thresholds'), var('engagement__band_thresholds_by_segment'),
    ] | tojson -%}
    select
        horizon_days,
        cast(count(*) as {{ dbt.type_bigint() }}) as input_rows,
        cast(sum({{ fields_checksum(fields, settings) }}) as {{ dbt.type_bigint() }}) as input_checksum,
        max(as_of_date) as last_observed_on
    from {{ outcomes }}
    where is_observed
    group by horizon_days
{%- endmacro %}


{#-
    The horizons int_backtest_scores_unpivoted recomputes in this run, read
    when the model runs: none (every horizon) on a full build; otherwise a list
    (maybe empty) of the horizons whose fingerprint differs from the stored one,
    that are not stored yet, or whose last observed date is in the lookback
    window. `outcomes` and `as_of_dates` are the model's refs.
-#}
{% macro backtest_horizons_with_new_inputs(outcomes, as_of_dates) -%}
    {%- if not (execute and is_incremental()) -%}
        {{ return(none) }}
    {%- endif -%}
    {%- do backtest_require_bookkeeping(['horizon_input_rows', 'horizon_input_checksum', 'built_by_invocation_id']) -%}
    {%- set query -%}
        with current_inputs as (
            {{ backtest_input_fingerprints(outcomes) }}
        ),

        stored_inputs as (
            select
                horizon_days,
                min(horizon_input_rows) as input_rows,
                min(horizon_input_checksum) as input_checksum,
                max(horizon_input_rows) as max_input_rows,
                max(horizon_input_checksum) as max_input_checksum
            from {{ this }}
            group by horizon_days
        )

        select current_inputs.horizon_days
        from current_inputs
        left join stored_inputs
            on current_inputs.horizon_days = stored_inputs.horizon_days
        where
            stored_inputs.horizon_days is null
            or stored_inputs.input_rows <> current_inputs.input_rows
            or stored_inputs.input_checksum <> current_inputs.input_checksum
            or stored_inputs.max_input_rows <> stored_inputs.input_rows
            or stored_inputs.max_input_checksum <> stored_inputs.input_checksum
            or current_inputs.last_observed_on >= {{ incremental_lookback_start(as_of_dates) }}
        order by 1
    {%- endset -%}
    {{ return(run_query(query).columns[0].values() | map('int') | list) }}
{%- endmacro %}


{#-
    The horizons int_backtest_scores_ranked recomputes: none (all) on a full
    build; otherwise those whose unpivoted rows were built by another
    invocation than the one recorded in the ranks. `unpivoted` is the model's ref.
-#}
{% macro backtest_horizons_rebuilt_upstream(unpivoted) -%}
    {%- if not (execute and is_incremental()) -%}
        {{ return(none) }}
    {%- endif -%}
    {#- date_all_risk_rank: the wide layout (one row per customer-date, a column set per grouping) -#}
    {%- do backtest_require_bookkeeping(['inputs_built_by_invocation_id', 'built_by_invocation_id', 'date_all_risk_rank']) -%}
    {{ return(backtest_horizons_built_since(unpivoted, 'inputs_built_by_invocation_id')) }}
{%- endmacro %}


{#-
    The horizons a backtest mart recomputes: none (all) on a full build, or when
    the mart predates its ranks_built_by_invocation_id column (the run then
    rewrites every horizon and on_schema_change adds the column); otherwise the
    horizons whose ranks were written by another invocation than the one the
    mart's rows record. A mart left out of a run, or failing in it, after the
    ranks of a horizon were rewritten therefore catches up on its next run.
    `ranked` is the model's ref('int_backtest_scores_ranked').
-#}
{% macro backtest_horizons_reranked(ranked) -%}
    {%- if not (execute and is_incremental()) -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set stored = adapter.get_columns_in_relation(this) | map(attribute='name') | map('lower') | list -%}
    {%- if 'ranks_built_by_invocation_id' not in stored -%}
        {{ return(none) }}
    {%- endif -%}
    {{ return(backtest_horizons_built_since(ranked, 'ranks_built_by_invocation_id')) }}
{%- endmacro %}


{#-
    The horizons of `upstream` (a backtest table: built_by_invocation_id per
    row) written by another invocation than the one this model's rows record
    in `recorded_column`, or missing here: read when the model runs.
-#}
{% macro backtest_horizons_built_since(upstream, recorded_column) -%}
    {%- set query -%}
        with upstream as (
            select distinct horizon_days, built_by_invocation_id
            from {{ upstream }}
        ),

        recorded as (
            select distinct horizon_days, {{ recorded_column }} as invocation_id
            from {{ this }}
        )

        select distinct upstream.horizon_days
        from upstream
        left join recorded
            on
                upstream.horizon_days = recorded.horizon_days
                and upstream.built_by_invocation_id = recorded.invocation_id
        where recorded.horizon_days is null
        order by 1
    {%- endset -%}
    {{ return(run_query(query).columns[0].values() | map('int') | list) }}
{%- endmacro %}


{#-
    The four groupings the backtest judges a score in, each with the columns
    that, beside score_name and horizon_days, define a group:
    int_backtest_scores_ranked ranks every row once per grouping (columns
    <grouping>_customers, _decile, _risk_rank), int_backtest_scores_grouped reads
    them back as rows.
-#}
{% macro backtest_groupings() -%}
    {{ return({
        'date_all': ['as_of_date'],
        'date_segment': ['as_of_date', 'segment'],
        'pooled_all': [],
        'pooled_segment': ['segment'],
    }) }}
{%- endmacro %}


{#-
    Stops with a clear message when the stored table lacks columns this
    version writes: a table built before the backtest became incremental, or
    ranks stored in the long layout of older versions.
-#}
{% macro backtest_require_bookkeeping(columns) -%}
    {%- set stored = adapter.get_columns_in_relation(this) | map(attribute='name') | map('lower') | list -%}
    {%- for column in columns -%}
        {%- if column not in stored -%}
            {{ exceptions.raise_compiler_error(this ~ " has no column " ~ column ~ ": it was built by an older version"
                ~ " of the project. Run once: dbt build --full-refresh --select int_backtest_scores_unpivoted+") }}
        {%- endif -%}
    {%- endfor -%}
{%- endmacro %}


{#- A filter on horizon_days keeping `horizons` (none: every horizon). -#}
{% macro backtest_horizon_filter(horizon_column, horizons) -%}
    {%- if horizons is none -%}
        1 = 1
    {%- elif horizons | length == 0 -%}
        1 = 0
    {%- else -%}
        {{ horizon_column }} in ({{ horizons | join(', ') }})
    {%- endif -%}
{%- endmacro %}


{#-
    Model config of the backtest tables: incremental by horizon_days
    (incremental_by_partition). The marts pass 'append_new_columns': dbt allows
    only that or 'fail' with a contract, and 'fail' also stops on Postgres,
    whose contract types (varchar) differ from the run's result (text); their
    contract fixes the columns anyway. Each model adds its own pre-hook, with its ref,
    deleting the horizons its parent no longer holds (delete_stale_partitions).
-#}
{% macro incremental_by_horizon(on_schema_change='fail') -%}
    {%- set model_config = incremental_by_partition('horizon_days') -%}
    {%- do model_config.update({'on_schema_change': on_schema_change}) -%}
    {{ return(model_config) }}
{%- endmacro %}


{#-
    Model config of the backtest marts (fct_score_backtest, fct_score_backtest_bins):
    incremental by horizon like the tables they read, except on Spark. A Spark
    table partitioned by horizon_days would move that column to the end of the
    table and out of the parquet files, so a reader would not see the columns
    of the contract in their order; the marts are small aggregates, rebuilt
    whole there (the ranking they read, the expensive step, stays incremental).
-#}
{% macro backtest_mart_config() -%}
    {{ return(adapter.dispatch('backtest_mart_config', 'engagement')()) }}
{%- endmacro %}

{% macro default__backtest_mart_config() -%}
    {{ return(incremental_by_horizon(on_schema_change='append_new_columns')) }}
{%- endmacro %}

{% macro spark__backtest_mart_config() -%}
    {{ return({'materialized': 'table'}) }}
{%- endmacro %}
