-- Every raw manager row, typed and checked, with its fate (kept / duplicate / rejected).
with source as (

    {{ select_raw_source('crm', 'managers') }}

),

normalized as (

    select
        manager_id,
        reports_to_manager_id,
        manager_name,
        email,
        team,
        {{ normalize_enum('region') }} as region,
        coalesce(is_active, true) as is_active,

        -- values the raw read could not use (select_raw_source)
        dq_unreadable,
        dq_flag
    from source

),

checked as (

    {{ checked_raw_rows('normalized', 'crm', 'managers') }}

),

{{ raw_row_classification('checked', 'crm', 'managers') }}

select * from classified
