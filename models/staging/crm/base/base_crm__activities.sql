-- Every raw account-team activity, typed and checked, with its fate (kept / duplicate / rejected).
with source as (

    {{ select_raw_source('crm', 'activities') }}

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

    {{ checked_raw_rows('normalized', 'crm', 'activities') }}

),

{{ raw_row_classification('checked', 'crm', 'activities') }}

select * from classified
