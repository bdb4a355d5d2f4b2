-- Clean crm.licenses rows whose references all resolve: what every later model reads.
-- The references are declared in the raw contract (models/staging/crm/_crm__sources.yml,
-- column meta `references`); the rows that fail are rejected as orphan_reference in
-- dq_rejected_rows (macros/staging/reference_checks.sql).
-- depends_on: {{ ref('stg_crm__accounts') }}
{{ resolved_reference_rows('crm', 'licenses', ref('stg_crm__licenses')) }}
