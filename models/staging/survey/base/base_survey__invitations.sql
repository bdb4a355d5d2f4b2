-- Every raw survey invitation, typed and checked, with its fate (kept / duplicate / rejected).
with source as (

    {{ select_raw_source('survey', 'invitations') }}

),

surveys as (

    select survey_id from {{ ref('stg_survey__surveys') }}

),

contacts as (

    select contact_id from {{ ref('stg_crm__contacts') }}

),

normalised as (

    select
        invitation_id,
        survey_id,
        contact_id,
        account_id,
        sent_at
    from source

),

checked as (

    select
        normalised.*,
        case
            {{- reject_missing(['invitation_id', 'normalised.survey_id', 'normalised.contact_id', 'sent_at']) }}
            {{- reject_future(['sent_at']) }}
            {{- reject_orphan('normalised.survey_id', 'surveys.survey_id', 'surveys') }}
            {{- reject_orphan('normalised.contact_id', 'contacts.contact_id', 'contacts') }}
        end as dq_reason
    from normalised
    left join surveys
        on normalised.survey_id = surveys.survey_id
    left join contacts
        on normalised.contact_id = contacts.contact_id

),

{{ classify_raw_rows('checked', ['invitation_id'], 'sent_at') }}

select * from classified
