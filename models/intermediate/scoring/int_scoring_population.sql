-- The customers scored at each as-of date: accounts that were customers then
-- (became a customer on or before it, not churned by it), with the attributes
-- the scores are compared and rolled up by, as they were on the as-of date
-- (int_account_attributes_dated: from the CRM snapshots, flagged before them).
with as_of_dates as (

    select * from {{ ref('int_scoring_as_of_dates') }}

),

accounts as (

    select * from {{ ref('stg_crm__accounts') }}

),

attributes_dated as (

    select * from {{ ref('int_account_attributes_dated') }}

),

final as (

    select
        as_of_dates.as_of_date,
        accounts.account_id,
        as_of_dates.period_index,
        as_of_dates.is_current,
        accounts.account_name,
        attributes_dated.parent_account_id,
        attributes_dated.manager_id,
        accounts.became_customer_on,
        attributes_dated.attributes_as_of,
        attributes_dated.has_attributes_of_time,
        coalesce(attributes_dated.segment, 'unknown') as segment,
        coalesce(attributes_dated.region, 'unknown') as region,
        coalesce(attributes_dated.industry, 'unknown') as industry,
        coalesce(attributes_dated.annual_contract_value, 0) as annual_contract_value
    from as_of_dates
    inner join accounts
        on
            as_of_dates.as_of_date >= accounts.became_customer_on
            and (accounts.churned_on is null or as_of_dates.as_of_date < accounts.churned_on)
    inner join attributes_dated
        on
            as_of_dates.as_of_date = attributes_dated.attributes_on
            and accounts.account_id = attributes_dated.account_id

)

select * from final
