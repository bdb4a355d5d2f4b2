-- Every raw contact row, typed and checked, with its fate (kept / duplicate / rejected).
with source as (

    {{ select_raw_source('crm', 'contacts') }}

),

accounts as (

    select account_id from {{ ref('stg_crm__accounts') }}

),

normalised as (

    select
        contact_id,
        account_id,
        email,
        full_name,
        job_title,
        created_at,
        coalesce(is_primary, false) as is_primary
    from source

),

checked as (

    select
        normalised.*,
        case
            {{- reject_missing(['normalised.contact_id', 'normalised.account_id']) }}
            {{- reject_future(['normalised.created_at']) }}
            {{- reject_orphan('normalised.account_id', 'accounts.account_id', 'accounts') }}
        end as dq_reason
    from normalised
    left join accounts
        on normalised.account_id = accounts.account_id

),

{{ classify_raw_rows('checked', ['contact_id'], 'created_at') }}

select * from classified
