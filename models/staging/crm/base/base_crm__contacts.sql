-- Every raw contact row, typed and checked, with its fate (kept / duplicate / rejected).
with source as (

    {{ select_raw_source('crm', 'contacts') }}

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
        *,
        case
            {{- reject_unreadable() }}
            {{- reject_missing(['contact_id', 'account_id']) }}
            {{- reject_future(['created_at']) }}
        end as dq_reason
    from normalized

),

repeated_keys as (

    {{ repeated_raw_row_keys('checked', ['contact_id']) }}

),

single_version_rows as (

    {{ single_version_raw_rows('checked', 'repeated_keys', ['contact_id']) }}

),

repeated_key_rows as (

    {{ repeated_key_raw_rows('checked', 'repeated_keys', ['contact_id'], 'created_at') }}

),

classified as (

    select * from single_version_rows
    union all
    select * from repeated_key_rows

)

select * from classified
