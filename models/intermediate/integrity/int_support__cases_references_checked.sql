-- Every clean support.cases row (stg_support__cases) with the references it makes checked:
-- `dq_reason` names the first reference that does not resolve, null when all do.
-- The rows whose references resolve are int_support__cases_referenced; the others are rejected
-- as orphan_reference in dq_rejected_rows.
with cases as (

    select * from {{ ref('stg_support__cases') }}

),

accounts as (

    select account_id from {{ ref('stg_crm__accounts') }}

),

final as (

    select
        cases.*,
        {{ raw_row_key(['cases.case_id']) }} as dq_row_key,
        case
            {{ reject_orphan('cases.account_id', 'accounts.account_id', 'accounts') }}
        end as dq_reason
    from cases
    left join accounts
        on cases.account_id = accounts.account_id

)

select * from final
