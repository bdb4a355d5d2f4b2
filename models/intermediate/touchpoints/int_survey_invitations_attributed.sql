-- Survey invitations with the account they went to and whether (and when) they were answered.
-- A view (view_materialization): one model reads it, so storing it would only add a write.
{{ config(materialized=view_materialization()) }}

with invitations as (

    select * from {{ ref('stg_survey__invitations') }}

),

contacts as (

    select * from {{ ref('stg_crm__contacts') }}

),

accounts as (

    select account_id from {{ ref('stg_crm__accounts') }}

),

first_answers as (

    select
        invitation_id,
        min(responded_on) as answered_on
    from {{ ref('int_survey_responses_attributed') }}
    where invitation_id is not null
    group by invitation_id

),

final as (

    select
        invitations.invitation_id,
        coalesce(accounts.account_id, contacts.account_id) as account_id,
        invitations.survey_id,
        invitations.contact_id,
        {{ to_date('invitations.sent_at') }} as sent_on,
        first_answers.answered_on
    from invitations
    inner join contacts
        on invitations.contact_id = contacts.contact_id
    left join accounts
        on invitations.account_id = accounts.account_id
    left join first_answers
        on invitations.invitation_id = first_answers.invitation_id

)

select * from final
