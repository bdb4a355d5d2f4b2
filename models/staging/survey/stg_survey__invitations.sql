-- Clean survey.invitations: the latest version of each key that passed every check of its raw
-- contract (_survey__sources.yml) and whose declared references resolve (reference_checks.sql).
-- The rest are in dq_rejected_rows with their reason.
-- The models the references name (dbt draws the graph before it reads the contract):
-- depends_on: {{ ref('stg_survey__surveys') }} {{ ref('stg_crm__contacts') }}
with kept_rows as (

    select * from {{ ref('base_survey__invitations') }}
    where dq_disposition = 'kept'

),

referenced as (

    {{ resolved_reference_rows('survey', 'invitations', 'kept_rows') }}

),

final as (

    select
        invitation_id,
        survey_id,
        contact_id,
        account_id,
        sent_at
    from referenced

)

select * from final
