-- Competitive status (spend): annual contract value over the customer's estimated
-- annual spend in our category (latest estimate on or before the as-of date).
-- Above 1 when the estimate is below what they pay us; null without an estimate.
with population as (

    {{ indicator_population(ref('int_scoring_population'), ref('int_scoring_as_of_dates')) }}

),

wallet_estimates as (

    select * from {{ ref('stg_crm__wallet_estimates') }}

),

estimates as (

    select
        population.as_of_date,
        population.account_id,
        wallet.estimated_annual_spend,
        row_number() over (
            partition by population.as_of_date, population.account_id
            order by wallet.estimated_on desc
        ) as recency_rank
    from population
    inner join wallet_estimates as wallet
        on
            population.account_id = wallet.account_id
            and population.as_of_date >= wallet.estimated_on

),

final as (

    select
        {{ indicator_columns('population',
            'population.annual_contract_value / nullif(estimates.estimated_annual_spend, 0)',
            'case when estimates.account_id is null then 0 else 1 end') }}
    from population
    left join estimates
        on
            population.as_of_date = estimates.as_of_date
            and population.account_id = estimates.account_id
            and estimates.recency_rank = 1

)

select * from final
