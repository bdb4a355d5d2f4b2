-- Every raw deployment report, typed and checked, with its fate (kept / duplicate / rejected).
-- One row per account, module and version: the latest report of that version wins.
-- Incremental: a run reads the raw rows of the lookback window (macros/staging/incremental_raw_rows.sql).
{{ config(**incremental_by_raw_row_key()) }}
with source as (

    {{ select_raw_source('crm', 'deployments') }}

),

normalized as (

    select
        account_id,
        {{ normalize_enum('product_module') }} as product_module,
        trim(version) as version,
        reported_at,

        -- values the raw read could not use (select_raw_source)
        dq_unreadable,
        dq_flag
    from source
    {{ raw_rows_to_refresh('reported_at') }}

),

candidates as (

    {{ raw_rows_with_earlier_versions('normalized', ['account_id', 'product_module', 'version'], 'reported_at',
        ['account_id', 'product_module', 'version', 'reported_at',
        'dq_unreadable', 'dq_flag']) }}

),

checked as (

    {{ checked_raw_rows('candidates', 'crm', 'deployments') }}

),

{{ raw_row_classification('checked', 'crm', 'deployments') }},

final as (

    {{ raw_rows_to_store('classified', 'reported_at') }}

)

select * from final
