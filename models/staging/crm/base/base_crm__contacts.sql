-- Every raw contact row, typed and checked, with its fate (kept / duplicate / rejected).
with source as (

    {{ select_raw_source('crm', 'contacts') }}

),

accounts as (

    select account_id from {{ ref('stg_crm__accounts') }}

),

normalized as (

    select
        contact_id,
        account_id,
        email,
        full_name,
        job_title,
        created_at,

        -- values the raw read could not use (select_raw_source)
        dq_unreadable,
        dq_flag,
        coalesce(is_primary, false) as is_primary
    from source

),

checked as (

    select
        normalized.*,
        case
            {{- reject_unreadable() }}
            {{- reject_missing(['normalized.contact_id', 'normalized.account_id']) }}
            {{- reject_future(['normalized.created_at']) }}
            {{- reject_orphan('normalized.account_id', 'accounts.account_id', 'accounts') }}
        end as dq_reason
    from normalized
    left join accounts
        on normalized.account_id = accounts.account_id

),

{{ classify_raw_rows('checked', ['contact_id'], 'created_at') }}

select * from classified
