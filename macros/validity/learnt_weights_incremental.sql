{#-
    The learnt weights, refitted only when what they are fitted from changed
    (issue #29). int_indicator_weights_learnt and int_score_weights_held_out
    read the observed outcomes at the churn-risk horizon
    (engagement__churn_risk_horizon_days) and the scores at those as-of dates,
    all older than the horizon. Scores of dates before the scoring lookback
    window are frozen between full refreshes (macros/scoring/incremental_scoring.sql),
    so on most days nothing they read has changed and a daily run writes
    nothing to them. Both are incremental by horizon_days (one value, the
    churn-risk horizon) and a run rewrites them whole when
      (a) the fingerprint of the observed outcomes at that horizon changed
          (a month end whose horizon has elapsed, one that slid out of the
          history, a late churn date, a segment), or the settings the fit and
          its test apply did (the learnt_share and contradiction vars, the cap
          on an indicator's share, the indicator overrides); the fingerprint
          (rows, a sum of row checksums) is stored on each row;
      (b) the newest observed date lies in the scoring lookback window (its
          scores can have changed), or the table is empty (no observed date yet).
    A change to the registry seeds needs --full-refresh, as any change to the
    scoring configuration does (docs/operations.md).
-#}

{#-
    SQL: the fingerprint of what the learnt weights are fitted from, one row:
    input_rows, input_checksum and last_observed_on, read from `outcomes` (a
    relation shaped like int_customer_outcomes).
-#}
{% macro learnt_weights_input_fingerprint(outcomes) -%}
    {%- set fields = ['as_of_date', 'account_id', 'segment', 'is_churned'] -%}
    {%- set settings = [
        churn_risk_horizon(),
        var('engagement__learnt_weights_min_churned'),
        var('engagement__learnt_contradiction_margin'),
        var('engagement__learnt_share_min_standard_errors'),
        var('engagement__max_indicator_share', 0.25),
        var('engagement__indicator_overrides', {}),
    ] | tojson -%}
    select
        cast(count(*) as {{ dbt.type_bigint() }}) as input_rows,
        cast(coalesce(sum({{ fields_checksum(fields, settings) }}), 0) as {{ dbt.type_bigint() }}) as input_checksum,
        max(as_of_date) as last_observed_on
    from {{ outcomes }}
    where is_observed and horizon_days = {{ churn_risk_horizon() }}
{%- endmacro %}


{#-
    Whether this run refits the model (read when it runs): always on a full
    build; on an incremental run when the stored fingerprint differs from the
    current one, the table is empty, or the newest observed date is in the
    lookback window. `outcomes` and `as_of_dates` are the model's refs.
-#}
{% macro learnt_weights_need_refit(outcomes, as_of_dates) -%}
    {%- if not (execute and is_incremental()) -%}
        {{ return(true) }}
    {%- endif -%}
    {%- set stored = adapter.get_columns_in_relation(this) | map(attribute='name') | map('lower') | list -%}
    {%- for column in ['horizon_days', 'learnt_input_rows', 'learnt_input_checksum', 'built_by_invocation_id'] -%}
        {%- if column not in stored -%}
            {{ exceptions.raise_compiler_error(this ~ " has no column " ~ column ~ ": it was built by an older version"
                ~ " of the project. Run once: dbt build --full-refresh --select int_indicator_weights_learnt int_score_weights_held_out") }}
        {%- endif -%}
    {%- endfor -%}
    {%- set query -%}
        with current_inputs as (
            {{ learnt_weights_input_fingerprint(outcomes) }}
        ),

        stored_inputs as (
            select
                count(*) as stored_rows,
                min(learnt_input_rows) as input_rows,
                max(learnt_input_rows) as max_input_rows,
                min(learnt_input_checksum) as input_checksum,
                max(learnt_input_checksum) as max_input_checksum
            from {{ this }}
        )

        select count(*)
        from current_inputs
        cross join stored_inputs
        where
            stored_inputs.stored_rows = 0
            or stored_inputs.input_rows <> current_inputs.input_rows
            or stored_inputs.max_input_rows <> stored_inputs.input_rows
            or stored_inputs.input_checksum <> current_inputs.input_checksum
            or stored_inputs.max_input_checksum <> stored_inputs.input_checksum
            or current_inputs.last_observed_on >= {{ incremental_lookback_start(as_of_dates) }}
    {%- endset -%}
    {{ return(run_query(query).columns[0].values()[0] | int > 0) }}
{%- endmacro %}


{#-
    Model config of the two learnt-weight tables: incremental by horizon_days
    (incremental_by_partition; on Spark its partitions). Each model adds the
    pre-hook deleting a horizon that is no longer the churn-risk one
    (delete_stale_partitions).
-#}
{% macro learnt_weights_config() -%}
    {%- set model_config = incremental_by_partition('horizon_days') -%}
    {%- do model_config.update({'on_schema_change': 'fail'}) -%}
    {{ return(model_config) }}
{%- endmacro %}


{#- The filter on a learnt-weight model's result: every row when it refits, none otherwise. -#}
{% macro learnt_weights_refit_filter(refit) -%}
    {{ '1 = 1' if refit else '1 = 0' }}
{%- endmacro %}
