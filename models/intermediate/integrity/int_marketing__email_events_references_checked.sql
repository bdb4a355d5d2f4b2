-- Every clean marketing.email_events row (stg_marketing__email_events) with the references it makes checked:
-- `dq_reason` names the first reference that does not resolve, null when all do.
-- The rows whose references resolve are int_marketing__email_events_referenced; the others are rejected
-- as orphan_reference in dq_rejected_rows.
with email_events as (

    select * from {{ ref('stg_marketing__email_events') }}

),

contacts as (

    select contact_id from {{ ref('int_crm__contacts_referenced') }}

),

final as (

    select
        email_events.*,
        {{ raw_row_key(['email_events.email_event_id']) }} as dq_row_key,
        case
            {{ reject_orphan('email_events.contact_id', 'contacts.contact_id', 'contacts') }}
        end as dq_reason
    from email_events
    left join contacts
        on email_events.contact_id = contacts.contact_id

)

select * from final
