-- What happened to each scored customer after each as-of date, within each
-- horizon of var engagement__outcome_horizons_days:
--   churned        churned_on after the as-of date and at most horizon days later;
--   renewal_lost   a renewal opportunity closed lost in that window;
--   expansion_won  an expansion or cross-sell opportunity closed won in that window.
-- A date is observed for a horizon only when the whole horizon has elapsed by the
-- current as-of date T (the latest date in the data); for a date not observed the
-- outcomes are null, never "did not churn".
with population as (

    select * from {{ ref('int_scoring_population') }}

),

as_of_dates as (

    select * from {{ ref('int_scoring_as_of_dates') }}

),

accounts as (

    select * from {{ ref('stg_crm__accounts') }}

),

opportunities as (

    select * from {{ ref('stg_crm__opportunities') }}

),

horizons as (

    {% for horizon in outcome_horizons() %}
    select {{ horizon }} as horizon_days
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

latest as (

    select max(as_of_date) as latest_on
    from as_of_dates
    where is_current

),

windows as (

    select
        population.as_of_date,
        population.account_id,
        population.segment,
        horizons.horizon_days,
        cast({{ dbt.dateadd('day', 'horizons.horizon_days', 'population.as_of_date') }} as date) as horizon_ends_on,
        latest.latest_on
    from population
    cross join horizons
    cross join latest

),

closed_opportunities as (

    select
        account_id,
        opportunity_type,
        is_won,
        {{ to_date('closed_at') }} as closed_on
    from opportunities
    where
        is_closed
        and closed_at is not null
        and opportunity_type in ('renewal', 'expansion', 'cross_sell')

),

opportunity_outcomes as (

    select
        windows.as_of_date,
        windows.account_id,
        windows.horizon_days,
        max(case
            when closed_opportunities.opportunity_type = 'renewal' and not coalesce(closed_opportunities.is_won, false)
                then 1
            else 0
        end) as has_renewal_lost,
        max(case
            when closed_opportunities.opportunity_type in ('expansion', 'cross_sell') and closed_opportunities.is_won
                then 1
            else 0
        end) as has_expansion_won
    from windows
    inner join closed_opportunities
        on
            windows.account_id = closed_opportunities.account_id
            and windows.as_of_date < closed_opportunities.closed_on
            and windows.horizon_ends_on >= closed_opportunities.closed_on
    group by windows.as_of_date, windows.account_id, windows.horizon_days

),

final as (

    select
        windows.as_of_date,
        windows.account_id,
        windows.horizon_days,
        windows.segment,
        windows.horizon_ends_on,
        windows.horizon_ends_on <= windows.latest_on as is_observed,
        case
            when windows.horizon_ends_on <= windows.latest_on
                then coalesce(
                    accounts.churned_on > windows.as_of_date and accounts.churned_on <= windows.horizon_ends_on,
                    false
                )
        end as is_churned,
        case
            when windows.horizon_ends_on <= windows.latest_on
                then coalesce(opportunity_outcomes.has_renewal_lost = 1, false)
        end as is_renewal_lost,
        case
            when windows.horizon_ends_on <= windows.latest_on
                then coalesce(opportunity_outcomes.has_expansion_won = 1, false)
        end as is_expansion_won
    from windows
    inner join accounts
        on windows.account_id = accounts.account_id
    left join opportunity_outcomes
        on
            windows.as_of_date = opportunity_outcomes.as_of_date
            and windows.account_id = opportunity_outcomes.account_id
            and windows.horizon_days = opportunity_outcomes.horizon_days

)

select * from final
