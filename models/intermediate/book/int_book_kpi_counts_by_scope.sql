-- What the book-of-business KPIs count, per scope and KPI date (one row each):
--   rollup 'book':    breakdown total / segment / region / industry;
--   rollup 'manager': breakdown direct (the manager's own customers) or
--                     reporting_line (theirs and everyone's below them).
-- Retention counts the customers and revenue at the start of the trailing
-- 12 months in the scope that held them then; the other KPIs count the
-- customers in the scope on the date. Definitions: models/docs/book_kpis.md.
with facts as (

    select * from {{ ref('int_book_kpi_customer_facts') }}

),

reporting_paths as (

    select * from {{ ref('int_manager_reporting_paths') }}

),

scoped as (

    {%- for basis, prefix in [('start', 'facts.start_'), ('date', 'facts.')] %}
    {%- set manager_column = prefix ~ 'manager_id' %}
    {%- for breakdown, expression in [
        ('total', "'all'"), ('segment', prefix ~ 'segment'), ('region', prefix ~ 'region'),
        ('industry', prefix ~ 'industry')] %}
    select
        '{{ basis }}' as basis,
        'book' as rollup_type,
        '{{ breakdown }}' as breakdown,
        {{ expression }} as breakdown_value,
        facts.*
    from facts

    union all
    {%- endfor %}

    select
        '{{ basis }}' as basis,
        'manager' as rollup_type,
        'direct' as breakdown,
        {{ manager_column }} as breakdown_value,
        facts.*
    from facts
    where {{ manager_column }} is not null

    union all

    select
        '{{ basis }}' as basis,
        'manager' as rollup_type,
        'reporting_line' as breakdown,
        reporting_paths.ancestor_manager_id as breakdown_value,
        facts.*
    from facts
    inner join reporting_paths
        on {{ manager_column }} = reporting_paths.manager_id
    {%- if not loop.last %}

    union all
    {%- endif %}
    {%- endfor %}

),

-- the cohort at the start of the window, in the scope that held it then
cohorts as (

    select
        rollup_type,
        breakdown,
        breakdown_value,
        kpi_date,
        count(case when is_customer_at_start then 1 end) as customers_at_start,
        count(case when is_customer_at_start and is_customer then 1 end) as customers_retained,
        sum(case when start_revenue > 0 then start_revenue else 0 end) as revenue_at_start,
        sum(
            case
                when start_revenue > 0 and end_revenue < start_revenue then end_revenue
                when start_revenue > 0 then start_revenue
                else 0
            end
        ) as revenue_kept_gross,
        sum(case when start_revenue > 0 then end_revenue else 0 end) as revenue_kept_net
    from scoped
    where basis = 'start'
    group by rollup_type, breakdown, breakdown_value, kpi_date

),

-- the customers in the scope on the date
books as (

    select
        rollup_type,
        breakdown,
        breakdown_value,
        kpi_date,
        count(*) as customers,
        count(case when has_advocacy_act then 1 end) as advocate_customers,
        sum(nps_answers) as nps_answers,
        sum(nps_promoters) as nps_promoters,
        sum(nps_detractors) as nps_detractors,
        count(case when is_scored then 1 end) as scored_customers,
        count(case when is_engaged then 1 end) as engaged_customers,
        sum(scored_contract_value) as scored_contract_value,
        sum(case when is_engaged then scored_contract_value else 0 end) as engaged_contract_value
    from scoped
    where basis = 'date' and is_customer
    group by rollup_type, breakdown, breakdown_value, kpi_date

),

final as (

    select
        books.scored_customers,
        books.engaged_customers,
        books.scored_contract_value,
        books.engaged_contract_value,
        coalesce(books.rollup_type, cohorts.rollup_type) as rollup_type,
        coalesce(books.breakdown, cohorts.breakdown) as breakdown,
        coalesce(books.breakdown_value, cohorts.breakdown_value) as breakdown_value,
        coalesce(books.kpi_date, cohorts.kpi_date) as kpi_date,
        coalesce(cohorts.customers_at_start, 0) as customers_at_start,
        coalesce(cohorts.customers_retained, 0) as customers_retained,
        coalesce(cohorts.revenue_at_start, 0) as revenue_at_start,
        coalesce(cohorts.revenue_kept_gross, 0) as revenue_kept_gross,
        coalesce(cohorts.revenue_kept_net, 0) as revenue_kept_net,
        coalesce(books.customers, 0) as customers,
        coalesce(books.advocate_customers, 0) as advocate_customers,
        coalesce(books.nps_answers, 0) as nps_answers,
        coalesce(books.nps_promoters, 0) as nps_promoters,
        coalesce(books.nps_detractors, 0) as nps_detractors
    from books
    full outer join cohorts
        on
            books.rollup_type = cohorts.rollup_type
            and books.breakdown = cohorts.breakdown
            and books.breakdown_value = cohorts.breakdown_value
            and books.kpi_date = cohorts.kpi_date

)

select * from final
