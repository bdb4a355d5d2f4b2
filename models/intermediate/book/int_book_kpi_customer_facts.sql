-- One row per account and KPI date: what the book's KPIs count about it.
-- KPI dates are the as-of dates and the same dates a year earlier (for the
-- comparison with last year). Each row carries the account's attributes on the
-- KPI date and at the start of the trailing-12-month window (one year before),
-- so retention is credited to the book that held the customer at the start and
-- every other KPI to the book that holds it on the date.
{%- set grain = var('engagement__history_grain') %}

with as_of_dates as (

    select * from {{ ref('int_scoring_as_of_dates') }}

),

accounts as (

    select * from {{ ref('stg_crm__accounts') }}

),

attributes_dated as (

    select * from {{ ref('int_account_attributes_dated') }}

),

licenses as (

    select * from {{ ref('stg_crm__licenses') }}

),

nps_answers as (

    select * from {{ ref('int_survey_responses_attributed') }}
    where survey_type = 'nps'

),

advocacy as (

    select * from {{ ref('stg_marketing__advocacy') }}

),

population as (

    select * from {{ ref('int_scoring_population') }}

),

scores as (

    select * from {{ ref('int_customer_scores_banded') }}

),

kpi_dates as (

    select as_of_date as kpi_date
    from as_of_dates

    union

    select cast({{ dbt.dateadd('year', -1, 'as_of_date') }} as date) as kpi_date
    from as_of_dates

),

windows as (

    select
        kpi_dates.kpi_date,
        scored_dates.as_of_date is not null as is_scored_date,
        cast({{ dbt.dateadd('year', -1, 'kpi_dates.kpi_date') }} as date) as window_start_on,
        -- the reporting period the date closes (month, week or quarter to date)
        cast({{ dbt.date_trunc(grain, 'kpi_dates.kpi_date') }} as date) as period_start_on
    from kpi_dates
    left join as_of_dates as scored_dates
        on kpi_dates.kpi_date = scored_dates.as_of_date

),

customer_days as (

    select
        windows.kpi_date,
        accounts.account_id,
        accounts.became_customer_on <= windows.window_start_on
        and (accounts.churned_on is null or windows.window_start_on < accounts.churned_on)
            as is_customer_at_start,
        accounts.became_customer_on <= windows.kpi_date
        and (accounts.churned_on is null or windows.kpi_date < accounts.churned_on)
            as is_customer
    from windows
    cross join accounts

),

-- annual value of the licences running on a day (ends_on is the last day)
revenue as (

    select
        windows.kpi_date,
        licenses.account_id,
        sum(
            case
                when
                    licenses.starts_on <= windows.window_start_on
                    and (licenses.ends_on is null or licenses.ends_on >= windows.window_start_on)
                    then licenses.annual_value
                else 0
            end
        ) as start_revenue,
        sum(
            case
                when
                    licenses.starts_on <= windows.kpi_date
                    and (licenses.ends_on is null or licenses.ends_on >= windows.kpi_date)
                    then licenses.annual_value
                else 0
            end
        ) as end_revenue
    from windows
    inner join licenses
        on
            windows.kpi_date >= licenses.starts_on
            and (licenses.ends_on is null or windows.window_start_on <= licenses.ends_on)
    group by windows.kpi_date, licenses.account_id

),

answers as (

    select
        windows.kpi_date,
        nps_answers.account_id,
        count(*) as nps_answers,
        count(case when nps_answers.score >= 9 then 1 end) as nps_promoters,
        count(case when nps_answers.score <= 6 then 1 end) as nps_detractors
    from windows
    inner join nps_answers
        on
            windows.period_start_on <= nps_answers.responded_on
            and windows.kpi_date >= nps_answers.responded_on
    group by windows.kpi_date, nps_answers.account_id

),

advocates as (

    select distinct
        windows.kpi_date,
        advocacy.account_id
    from windows
    inner join advocacy
        on
            {{ to_date('advocacy.occurred_at') }} > windows.window_start_on
            and {{ to_date('advocacy.occurred_at') }} <= windows.kpi_date

),

scored as (

    select
        population.as_of_date as kpi_date,
        population.account_id,
        population.annual_contract_value,
        scores.band
    from population
    inner join scores
        on
            population.as_of_date = scores.as_of_date
            and population.account_id = scores.account_id

),

final as (

    select
        windows.kpi_date,
        customer_days.account_id,
        windows.is_scored_date,
        windows.window_start_on,
        windows.period_start_on,
        coalesce(at_date.segment, 'unknown') as segment,
        coalesce(at_date.region, 'unknown') as region,
        coalesce(at_date.industry, 'unknown') as industry,
        at_date.manager_id,
        coalesce(at_start.segment, 'unknown') as start_segment,
        coalesce(at_start.region, 'unknown') as start_region,
        coalesce(at_start.industry, 'unknown') as start_industry,
        at_start.manager_id as start_manager_id,
        customer_days.is_customer_at_start,
        customer_days.is_customer,
        cast(coalesce(revenue.start_revenue, 0) as {{ type_double() }}) as start_revenue,
        cast(coalesce(revenue.end_revenue, 0) as {{ type_double() }}) as end_revenue,
        coalesce(answers.nps_answers, 0) as nps_answers,
        coalesce(answers.nps_promoters, 0) as nps_promoters,
        coalesce(answers.nps_detractors, 0) as nps_detractors,
        advocates.account_id is not null as has_advocacy_act,
        scored.account_id is not null as is_scored,
        coalesce(scored.band = 'engaged', false) as is_engaged,
        cast(scored.annual_contract_value as {{ type_double() }}) as scored_contract_value
    from windows
    inner join customer_days
        on windows.kpi_date = customer_days.kpi_date
    inner join attributes_dated as at_date
        on
            windows.kpi_date = at_date.attributes_on
            and customer_days.account_id = at_date.account_id
    inner join attributes_dated as at_start
        on
            windows.window_start_on = at_start.attributes_on
            and customer_days.account_id = at_start.account_id
    left join revenue
        on
            windows.kpi_date = revenue.kpi_date
            and customer_days.account_id = revenue.account_id
    left join answers
        on
            windows.kpi_date = answers.kpi_date
            and customer_days.account_id = answers.account_id
    left join advocates
        on
            windows.kpi_date = advocates.kpi_date
            and customer_days.account_id = advocates.account_id
    left join scored
        on
            windows.kpi_date = scored.kpi_date
            and customer_days.account_id = scored.account_id
    where
        customer_days.is_customer_at_start
        or customer_days.is_customer
        or coalesce(revenue.start_revenue, 0) > 0

)

select * from final
