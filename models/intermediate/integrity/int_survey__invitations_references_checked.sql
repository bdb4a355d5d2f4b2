-- Every clean survey.invitations row (stg_survey__invitations) with the references it makes checked:
-- `dq_reason` names the first reference that does not resolve, null when all do.
-- The rows whose references resolve are int_survey__invitations_referenced; the others are rejected
-- as orphan_reference in dq_rejected_rows.
with invitations as (

    select * from {{ ref('stg_survey__invitations') }}

),

surveys as (

    select survey_id from {{ ref('stg_survey__surveys') }}

),

contacts as (

    select contact_id from {{ ref('int_crm__contacts_referenced') }}

),

final as (

    select
        invitations.*,
        {{ raw_row_key(['invitations.invitation_id']) }} as dq_row_key,
        case
            {{ reject_orphan('invitations.survey_id', 'surveys.survey_id', 'surveys') }}
            {{ reject_orphan('invitations.contact_id', 'contacts.contact_id', 'contacts') }}
        end as dq_reason
    from invitations
    left join surveys
        on invitations.survey_id = surveys.survey_id
    left join contacts
        on invitations.contact_id = contacts.contact_id

)

select * from final
