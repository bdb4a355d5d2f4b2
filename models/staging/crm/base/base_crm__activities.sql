-- Every raw account-team activity, typed and checked, with its fate (kept / duplicate / rejected).
-- Incremental: a run reads the raw rows of the lookback window (macros/staging/incremental_raw_rows.sql).
{{ config(
    materialized=incremental_materialization(),
    incremental_strategy='delete+insert',
    unique_key='dq_row_key',
    on_schema_change='fail',
) }}
with source as (

    {{ select_raw_source('crm', 'activities') }}

),

accounts as (

    select account_id from {{ ref('stg_crm__accounts') }}

),

normalised as (

    select
        activity_id,
        account_id,
        contact_id,
        {{ normalise_enum('activity_type') }} as activity_type,
        occurred_at
    from source
    {{ raw_rows_to_refresh('occurred_at') }}

),

candidates as (

    {{ raw_rows_with_earlier_versions('normalised', ['activity_id'], 'occurred_at',
        ['activity_id', 'account_id', 'contact_id', 'activity_type', 'occurred_at']) }}

),

checked as (

    select
        candidates.*,
        case
            {{- reject_missing(['activity_id', 'candidates.account_id', 'activity_type', 'occurred_at']) }}
            {{- reject_unknown_enum('activity_type', ['meeting', 'demo', 'trial', 'inquiry', 'business_review']) }}
            {{- reject_future(['occurred_at']) }}
            {{- reject_orphan('candidates.account_id', 'accounts.account_id', 'accounts') }}
        end as dq_reason
    from candidates
    left join accounts
        on candidates.account_id = accounts.account_id

),

{{ classify_raw_rows('checked', ['activity_id'], 'occurred_at') }}

select * from classified
