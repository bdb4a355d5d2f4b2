-- Every raw event registration, typed and checked, with its fate (kept / duplicate / rejected).
with source as (

    {{ select_raw_source('marketing', 'event_registrations') }}

),

normalized as (

    select
        registration_id,
        event_id,
        contact_id,
        event_name,
        {{ normalize_enum('event_type') }} as event_type,
        coalesce(attended, attended_at is not null) as has_attended,
        registered_at,
        attended_at,

        -- values the raw read could not use (select_raw_source)
        dq_unreadable,
        dq_flag
    from source

),

checked as (

    {{ checked_raw_rows('normalized', 'marketing', 'event_registrations') }}

),

{{ raw_row_classification('checked', 'marketing', 'event_registrations') }}

select * from classified
