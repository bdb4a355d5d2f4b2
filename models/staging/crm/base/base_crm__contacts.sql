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

    {{ checked_raw_rows('normalized', 'crm', 'contacts') }}

),

{{ raw_row_classification('checked', 'crm', 'contacts') }}

select * from classified
