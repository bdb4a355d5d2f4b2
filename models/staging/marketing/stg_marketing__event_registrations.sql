-- Clean marketing.event_registrations: one row per key, the latest version that passed every check of its raw
-- contract (models/staging/marketing/_marketing__sources.yml) and whose declared references
-- (contact_id) all resolve. base_marketing__event_registrations classifies every raw row against the
-- table itself; the references are checked here, on the kept rows, so a row rejected for
-- an orphan reference is re-judged on every build. Rows left out are in dq_rejected_rows
-- with their reason (macros/staging/reference_checks.sql).
-- The models the references name (read from the contract when the model runs):
-- depends_on: {{ ref('stg_crm__contacts') }}
with kept_rows as (

    select * from {{ ref('base_marketing__event_registrations') }}
    where dq_disposition = 'kept'

),

referenced as (

    {{ resolved_reference_rows('marketing', 'event_registrations', 'kept_rows') }}

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
    from referenced

)

select * from final
