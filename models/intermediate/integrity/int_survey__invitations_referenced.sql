-- Clean survey.invitations rows whose references all resolve: what every later model reads.
-- The references are declared in the raw contract (models/staging/survey/_survey__sources.yml,
-- column meta `references`); the rows that fail are rejected as orphan_reference in
-- dq_rejected_rows (macros/staging/reference_checks.sql).
-- depends_on: {{ ref('stg_survey__surveys') }} {{ ref('int_crm__contacts_referenced') }}
{{ resolved_reference_rows('survey', 'invitations', ref('stg_survey__invitations')) }}
