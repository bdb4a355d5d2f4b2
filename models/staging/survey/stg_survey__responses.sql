-- Clean survey.responses: the latest version of each key that passed every check of its raw
-- contract (_survey__sources.yml) and whose declared references resolve (reference_checks.sql).
-- The rest are in dq_rejected_rows with their reason.
-- Carries survey_type from its survey; its own check after the references: the score on that
-- survey's scale (reject_score_off_survey_scale).
-- The models the references name (dbt draws the graph before it reads the contract):
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
