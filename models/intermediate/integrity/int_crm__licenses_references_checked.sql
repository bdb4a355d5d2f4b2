-- Every clean crm.licenses row (stg_crm__licenses) with the references it makes checked:
-- `dq_reason` names the first reference that does not resolve, null when all do.
-- The rows whose references resolve are int_crm__licenses_referenced; the others are rejected
-- as orphan_reference in dq_rejected_rows.
with licenses as (

    select * from {{ ref('stg_crm__licenses') }}

),

accounts as (

    select account_id from {{ ref('stg_crm__accounts') }}

),

final as (

    select
        licenses.*,
        {{ raw_row_key(['licenses.license_id']) }} as dq_row_key,
        case
            {{ reject_orphan('licenses.account_id', 'accounts.account_id', 'accounts') }}
        end as dq_reason
    from licenses
    left join accounts
        on licenses.account_id = accounts.account_id

)

select * from final
