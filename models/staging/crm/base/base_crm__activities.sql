-- Every raw account-team activity, typed and checked, with its fate (kept / duplicate / rejected).
with source as (

    {{ select_raw_source('crm', 'activities') }}

),

accounts as (

    select account_id from {{ ref('stg_crm__accounts') }}

),

normalized as (

    select
        activity_id,
        account_id,
        contact_id,
        {{ normalize_enum('activity_type') }} as activity_type,
        occurred_at,

        -- values the raw read could not use (select_raw_source)
        dq_unreadable,
        dq_flag
    from source

),

checked as (

    select
        normalized.*,
        case
            {{- reject_unreadable() }}
            {{- reject_missing(['activity_id', 'normalized.account_id', 'activity_type', 'occurred_at']) }}
            {{- reject_unknown_enum('activity_type', ['meeting', 'demo', 'trial', 'inquiry', 'business_review']) }}
            {{- reject_future(['occurred_at']) }}
            {{- reject_orphan('normalized.account_id', 'accounts.account_id', 'accounts') }}
        end as dq_reason
    from normalized
    left join accounts
        on normalized.account_id = accounts.account_id

),

{{ classify_raw_rows('checked', ['activity_id'], 'occurred_at') }}

select * from classified
