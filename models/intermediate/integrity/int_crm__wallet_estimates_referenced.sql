-- Clean crm.wallet_estimates rows whose references all resolve: what every later model reads.
with checked_rows as (

    select * from {{ ref('int_crm__wallet_estimates_references_checked') }}

),

final as (

    select
        account_id,
        estimated_annual_spend,
        estimated_on
    from checked_rows
    where dq_reason is null

)

select * from final
