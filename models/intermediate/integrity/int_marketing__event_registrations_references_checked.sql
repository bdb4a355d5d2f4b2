-- Every clean marketing.event_registrations row (stg_marketing__event_registrations) with the references it makes checked:
-- `dq_reason` names the first reference that does not resolve, null when all do.
-- The rows whose references resolve are int_marketing__event_registrations_referenced; the others are rejected
-- as orphan_reference in dq_rejected_rows.
with event_registrations as (

    select * from {{ ref('stg_marketing__event_registrations') }}

),

contacts as (

    select contact_id from {{ ref('int_crm__contacts_referenced') }}

),

final as (

    select
        event_registrations.*,
        {{ raw_row_key(['event_registrations.registration_id']) }} as dq_row_key,
        case
            {{ reject_orphan('event_registrations.contact_id', 'contacts.contact_id', 'contacts') }}
        end as dq_reason
    from event_registrations
    left join contacts
        on event_registrations.contact_id = contacts.contact_id

)

select * from final
