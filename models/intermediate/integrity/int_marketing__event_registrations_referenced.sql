-- Clean marketing.event_registrations rows whose references all resolve: what every later model reads.
-- The references are declared in the raw contract (models/staging/marketing/_marketing__sources.yml,
-- column meta `references`); the rows that fail are rejected as orphan_reference in
-- dq_rejected_rows (macros/staging/reference_checks.sql).
-- depends_on: {{ ref('int_crm__contacts_referenced') }}
{{ resolved_reference_rows('marketing', 'event_registrations', ref('stg_marketing__event_registrations')) }}
