-- The customers scored at each as-of date: accounts that were customers then
-- (became a customer on or before it, not churned by it), with the attributes
-- the scores are compared and rolled up by.
with as_of_dates as (

    select * from {{ ref('int_scoring_as_of_dates') }}

),

accounts as (

    select * from {{ ref('stg_crm__accounts') }}

),

final as (

    select
        as_of_dates.as_of_date,
        accounts.account_id,
        as_of_dates.period_index,
        as_of_dates.is_current,
        accounts.account_name,
        accounts.parent_account_id,
        accounts.manager_id,
        accounts.became_customer_on,
        coalesce(accounts.segment, 'unknown') as segment,
        coalesce(accounts.region, 'unknown') as region,
        coalesce(accounts.industry, 'unknown') as industry,
        coalesce(accounts.annual_contract_value, 0) as annual_contract_value
    from as_of_dates
    inner join accounts
        on
            as_of_dates.as_of_date >= accounts.became_customer_on
            and (accounts.churned_on is null or as_of_dates.as_of_date < accounts.churned_on)

)

select * from final
