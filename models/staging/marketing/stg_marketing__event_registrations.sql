-- Clean marketing.event_registrations: one row per key, the latest that passed every check.
-- Rows left out are in dq_rejected_rows with the reason.
-- Its references to other tables are checked after staging: later models read
-- int_marketing__event_registrations_referenced (models/intermediate/integrity/).
with checked_rows as (

    select * from {{ ref('base_marketing__event_registrations') }}

),

final as (

    select
        registration_id,
        event_id,
        contact_id,
        event_name,
        event_type,
        has_attended,
        registered_at,
        attended_at
    from checked_rows
    where dq_disposition = 'kept'

)

select * from final
