-- Every raw product telemetry event, typed and checked, with its fate (kept / duplicate / rejected).
with source as (

    {{ select_raw_source('product', 'usage_events') }}

),

accounts as (

    select account_id from {{ ref('stg_crm__accounts') }}

),

normalised as (

    select
        event_id,
        account_id,
        user_id,
        {{ normalise_enum('event_type') }} as event_type,
        feature_name,
        occurred_at
    from source

),

checked as (

    select
        normalised.*,
        case
            {{- reject_missing(['event_id', 'normalised.account_id', 'event_type', 'occurred_at']) }}
            {{- reject_unknown_enum('event_type', ['login', 'feature_use']) }}
            {{- reject_future(['occurred_at']) }}
            {{- reject_orphan('normalised.account_id', 'accounts.account_id', 'accounts') }}
        end as dq_reason
    from normalised
    left join accounts
        on normalised.account_id = accounts.account_id

),

{{ classify_raw_rows('checked', ['event_id'], 'occurred_at') }}

select * from classified
