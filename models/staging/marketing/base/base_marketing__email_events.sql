-- Every raw e-mail event, typed and checked, with its fate (kept / duplicate / rejected).
with source as (

    {{ select_raw_source('marketing', 'email_events') }}

),

contacts as (

    select contact_id from {{ ref('stg_crm__contacts') }}

),

normalised as (

    select
        email_event_id,
        contact_id,
        campaign_id,
        {{ normalise_enum('event_type') }} as event_type,
        occurred_at
    from source

),

checked as (

    select
        normalised.*,
        case
            {{- reject_missing(['email_event_id', 'normalised.contact_id', 'event_type', 'occurred_at']) }}
            {{- reject_unknown_enum('event_type', ['sent', 'delivered', 'open', 'click', 'unsubscribe', 'bounce']) }}
            {{- reject_future(['occurred_at']) }}
            {{- reject_orphan('normalised.contact_id', 'contacts.contact_id', 'contacts') }}
        end as dq_reason
    from normalised
    left join contacts
        on normalised.contact_id = contacts.contact_id

),

{{ classify_raw_rows('checked', ['email_event_id'], 'occurred_at') }}

select * from classified
