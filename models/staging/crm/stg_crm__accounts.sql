-- Clean crm.accounts: one row per key, the latest that passed every check.
-- Rows left out are in dq_rejected_rows with the reason.
with checked_rows as (

    select * from {{ ref('base_crm__accounts') }}

),

final as (

    select
        account_id,
        parent_account_id,
        manager_id,
        account_name,
        industry,
        region,
        segment,
        annual_contract_value,
        became_customer_on,
        churned_on,
        updated_at
    from checked_rows
    where dq_disposition = 'kept'

)

select * from final
