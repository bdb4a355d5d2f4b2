-- Clean marketing.event_registrations: the latest version of each key that passed every check of its raw
-- contract (_marketing__sources.yml) and whose declared references resolve (reference_checks.sql).
-- The rest are in dq_rejected_rows with their reason.
-- The models the references name (dbt draws the graph before it reads the contract):
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
