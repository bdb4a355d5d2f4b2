-- Survey answers with the account they speak for: the account on the answer when
-- it names a known one, otherwise the answering contact's account.
with responses as (

    select * from {{ ref('stg_survey__responses') }}

),

contacts as (

    select * from {{ ref('stg_crm__contacts') }}

),

accounts as (

    select account_id from {{ ref('stg_crm__accounts') }}

),

final as (

    select
        responses.response_id,
        coalesce(accounts.account_id, contacts.account_id) as account_id,
        responses.survey_id,
        responses.invitation_id,
        responses.contact_id,
        responses.survey_type,
        responses.score,
        {{ to_date('responses.responded_at') }} as responded_on
    from responses
    inner join contacts
        on responses.contact_id = contacts.contact_id
    left join accounts
        on responses.account_id = accounts.account_id

)

select * from final
