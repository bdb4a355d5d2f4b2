-- Every raw product telemetry event, typed and checked, with its fate (kept / duplicate / rejected).
-- Incremental: a run reads the raw rows of the lookback window (macros/staging/incremental_raw_rows.sql).
-- Its CTEs are inlined (inline_cte): the classification reads `checked` twice, and storing tens of
-- millions of wide rows in between costs more than reading the raw table twice. An incremental run
-- reads a few days, so there `checked` is stored once rather than repeating the look-up of earlier versions.
{{ config(**incremental_by_raw_row_key()) }}

with source as {{ inline_cte() }} (

    {{ select_raw_source('product', 'usage_events') }}

),

normalized as {{ inline_cte() }} (

    select
        event_id,
        account_id,
        user_id,
        {{ normalize_enum('event_type') }} as event_type,
        feature_name,
        occurred_at,

        -- values the raw read could not use (select_raw_source)
        dq_unreadable,
        dq_flag
    from source
    {{ raw_rows_to_refresh('occurred_at') }}

),

candidates as {{ inline_cte() }} (

    {{ raw_rows_with_earlier_versions('normalized', ['event_id'], 'occurred_at',
        ['event_id', 'account_id', 'user_id', 'event_type', 'feature_name', 'occurred_at',
        'dq_unreadable', 'dq_flag']) }}

),

checked as {{ inline_cte() if not is_incremental() else '' }} (

    {{ checked_raw_rows('candidates', 'product', 'usage_events') }}

),

{{ raw_row_classification('checked', 'product', 'usage_events') }},

final as (

    {{ raw_rows_to_store('classified', 'occurred_at') }}

)

select * from final
