-- Every raw event registration, typed and checked, with its fate (kept / duplicate / rejected).
with source as (

    {{ select_raw_source('marketing', 'event_registrations') }}

),

contacts as (

    select contact_id from {{ ref('stg_crm__contacts') }}

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

    select
        normalized.*,
        case
            {{- reject_unreadable() }}
            {{- reject_missing(['registration_id', 'event_id', 'event_type', 'normalized.contact_id', 'registered_at']) }}
            {{- reject_unknown_enum('event_type', ['webinar', 'conference', 'user_group', 'training']) }}
            {{- reject_future(['registered_at', 'attended_at']) }}
            {{- reject_orphan('normalized.contact_id', 'contacts.contact_id', 'contacts') }}
        end as dq_reason
    from normalized
    left join contacts
        on normalized.contact_id = contacts.contact_id

),

{{ classify_raw_rows('checked', ['registration_id'], 'registered_at') }}

select * from classified
