-- Clean survey.responses rows whose references all resolve: what every later model reads.
-- The references are declared in the raw contract (models/staging/survey/_survey__sources.yml,
-- column meta `references`); the rows that fail are rejected as orphan_reference in
-- dq_rejected_rows (macros/staging/reference_checks.sql).
-- Each row carries its survey's type; a score off that scale is rejected too (out_of_range).
-- depends_on: {{ ref('stg_survey__surveys') }} {{ ref('int_crm__contacts_referenced') }}
{{ resolved_reference_rows('survey', 'responses', ref('stg_survey__responses')) }}
