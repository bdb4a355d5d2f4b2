-- Every clean crm.contacts row (stg_crm__contacts) with the references it makes checked:
-- `dq_reason` names the first reference that does not resolve, null when all do.
-- The rows whose references resolve are int_crm__contacts_referenced; the others are rejected
-- as orphan_reference in dq_rejected_rows.
with contacts as (

    select * from {{ ref('stg_crm__contacts') }}

),

accounts as (

    select account_id from {{ ref('stg_crm__accounts') }}

),

final as (

    select
        contacts.*,
        {{ raw_row_key(['contacts.contact_id']) }} as dq_row_key,
        case
            {{ reject_orphan('contacts.account_id', 'accounts.account_id', 'accounts') }}
        end as dq_reason
    from contacts
    left join accounts
        on contacts.account_id = accounts.account_id

)

select * from final
