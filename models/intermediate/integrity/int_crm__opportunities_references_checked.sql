-- Every clean crm.opportunities row (stg_crm__opportunities) with the references it makes checked:
-- `dq_reason` names the first reference that does not resolve, null when all do.
-- The rows whose references resolve are int_crm__opportunities_referenced; the others are rejected
-- as orphan_reference in dq_rejected_rows.
with opportunities as (

    select * from {{ ref('stg_crm__opportunities') }}

),

accounts as (

    select account_id from {{ ref('stg_crm__accounts') }}

),

final as (

    select
        opportunities.*,
        {{ raw_row_key(['opportunities.opportunity_id']) }} as dq_row_key,
        case
            {{ reject_orphan('opportunities.account_id', 'accounts.account_id', 'accounts') }}
        end as dq_reason
    from opportunities
    left join accounts
        on opportunities.account_id = accounts.account_id

)

select * from final
