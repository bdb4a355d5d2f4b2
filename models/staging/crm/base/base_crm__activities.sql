-- Every raw account-team activity, typed and checked, with its fate (kept / duplicate / rejected).
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

),

checked as (

    select
        normalised.*,
        case
            {{- reject_missing(['activity_id', 'normalised.account_id', 'activity_type', 'occurred_at']) }}
            {{- reject_unknown_enum('activity_type', ['meeting', 'demo', 'trial', 'inquiry', 'business_review']) }}
            {{- reject_future(['occurred_at']) }}
            {{- reject_orphan('normalised.account_id', 'accounts.account_id', 'accounts') }}
        end as dq_reason
    from normalised
    left join accounts
        on normalised.account_id = accounts.account_id

),

{{ classify_raw_rows('checked', ['activity_id'], 'occurred_at') }}

select * from classified
