-- Each account as the marts name and place it: the current CRM row's name,
-- industry, first customer date and parent. The marts read it here rather than
-- from staging, so every mart reads intermediate models only.
with accounts as (

    select * from {{ ref('stg_crm__accounts') }}

),

final as (

    select
        account_id,
        account_name,
        industry,
        became_customer_on,
        parent_account_id
    from accounts

)

select * from final
