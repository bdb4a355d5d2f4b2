-- Every clean crm.wallet_estimates row (stg_crm__wallet_estimates) with the references it makes checked:
-- `dq_reason` names the first reference that does not resolve, null when all do.
-- The rows whose references resolve are int_crm__wallet_estimates_referenced; the others are rejected
-- as orphan_reference in dq_rejected_rows.
with wallet_estimates as (

    select * from {{ ref('stg_crm__wallet_estimates') }}

),

accounts as (

    select account_id from {{ ref('stg_crm__accounts') }}

),

final as (

    select
        wallet_estimates.*,
        {{ raw_row_key(['wallet_estimates.account_id', 'wallet_estimates.estimated_on']) }} as dq_row_key,
        case
            {{ reject_orphan('wallet_estimates.account_id', 'accounts.account_id', 'accounts') }}
        end as dq_reason
    from wallet_estimates
    left join accounts
        on wallet_estimates.account_id = accounts.account_id

)

select * from final
