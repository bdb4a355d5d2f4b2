-- Clean survey.responses: one row per key, the latest version that passed every check of its raw
-- contract (models/staging/survey/_survey__sources.yml) and whose declared references
-- (survey_id, contact_id) all resolve. base_survey__responses classifies every raw row against the
-- table itself; the references are checked here, on the kept rows, so a row rejected for
-- an orphan reference is re-judged on every build. Rows left out are in dq_rejected_rows
-- with their reason (macros/staging/reference_checks.sql).
-- Each row carries survey_type from its referenced row; the table's own check after
-- its references: reject_score_off_survey_scale.
-- The models the references name (read from the contract when the model runs):
-- depends_on: {{ ref('stg_survey__surveys') }} {{ ref('stg_crm__contacts') }}
with kept_rows as (

    select * from {{ ref('base_survey__responses') }}
    where dq_disposition = 'kept'

),

referenced as (

    {{ resolved_reference_rows('survey', 'responses', 'kept_rows') }}

),

final as (

    select
        response_id,
        survey_id,
        invitation_id,
        contact_id,
        account_id,
        score,
        comment,
        responded_at,
        survey_type
    from referenced

)

select * from final
