-- Each customer's lifecycle stage per as-of date, and the days to its next renewal.
--   next_contract_end_on  the earliest end date, on or after the as-of date, of a
--                         licence in force then (started on or before it);
--   has_open_renewal      a renewal opportunity created by the as-of date and not
--                         closed by then;
--   lifecycle_stage       the first that applies:
--     renewal_due   within engagement__lifecycle_renewal_window_days of the next
--                   contract end, or an open renewal;
--     onboarding    customer for fewer than engagement__lifecycle_onboarding_days;
--     adopting      customer for fewer than engagement__lifecycle_established_days;
--     established   every other customer.
-- A renewal outranks onboarding: a renewal is a dated commercial event.
with population as (

    select * from {{ ref('int_scoring_population') }}

),

licenses as (

    select * from {{ ref('stg_crm__licenses') }}

),

opportunities as (

    select * from {{ ref('stg_crm__opportunities') }}

),

contract_ends as (

    select
        population.as_of_date,
        population.account_id,
        min(licenses.ends_on) as next_contract_end_on
    from population
    inner join licenses
        on
            population.account_id = licenses.account_id
            and population.as_of_date >= licenses.starts_on
            and population.as_of_date <= licenses.ends_on
    group by population.as_of_date, population.account_id

),

open_renewals as (

    select
        population.as_of_date,
        population.account_id,
        count(*) as open_renewals
    from population
    inner join opportunities
        on
            population.account_id = opportunities.account_id
            and opportunities.opportunity_type = 'renewal'
            and {{ to_date('opportunities.created_at') }} <= population.as_of_date
            and (
                opportunities.closed_at is null
                or {{ to_date('opportunities.closed_at') }} > population.as_of_date
            )
    group by population.as_of_date, population.account_id

),

measured as (

    select
        population.as_of_date,
        population.account_id,
        population.became_customer_on,
        {% set days_as_customer = dbt.datediff('population.became_customer_on', 'population.as_of_date', 'day') -%}
        cast({{ days_as_customer }} as integer) as days_as_customer,
        contract_ends.next_contract_end_on,
        {% set days_to_renewal = dbt.datediff('population.as_of_date', 'contract_ends.next_contract_end_on', 'day') -%}
        cast({{ days_to_renewal }} as integer) as days_to_renewal,
        coalesce(open_renewals.open_renewals, 0) > 0 as has_open_renewal
    from population
    left join contract_ends
        on
            population.as_of_date = contract_ends.as_of_date
            and population.account_id = contract_ends.account_id
    left join open_renewals
        on
            population.as_of_date = open_renewals.as_of_date
            and population.account_id = open_renewals.account_id

),

final as (

    select
        as_of_date,
        account_id,
        became_customer_on,
        days_as_customer,
        next_contract_end_on,
        days_to_renewal,
        has_open_renewal,
        case
            when
                has_open_renewal
                or days_to_renewal <= {{ var('engagement__lifecycle_renewal_window_days') }}
                then 'renewal_due'
            when days_as_customer < {{ var('engagement__lifecycle_onboarding_days') }} then 'onboarding'
            when days_as_customer < {{ var('engagement__lifecycle_established_days') }} then 'adopting'
            else 'established'
        end as lifecycle_stage
    from measured

)

select * from final
