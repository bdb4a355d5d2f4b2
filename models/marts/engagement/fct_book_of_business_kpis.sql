-- The book's KPIs (retention, NPS, promoters, advocacy, share engaged) per
-- scope and as-of date, one row per metric, each beside the same date a year
-- earlier and the benchmark of seeds/scoring/engagement_benchmarks.csv (the
-- scope's own row, else the `all` row), with the gaps and whether the
-- benchmark is met. Long rather than wide: one row per scope x date x metric
-- keeps 8 metrics x 6 comparison columns readable and lets BI pivot or filter
-- on `metric`; numerator and denominator let it re-aggregate.
with kpis as (

    select * from {{ ref('int_book_kpis_by_scope') }}

),

as_of_dates as (

    select * from {{ ref('int_scoring_as_of_dates') }}

),

benchmarks as (

    select * from {{ ref('engagement_benchmarks') }}

),

managers as (

    select * from {{ ref('int_manager_profiles') }}

),

current_kpis as (

    select
        kpis.*,
        as_of_dates.as_of_date,
        as_of_dates.period_index,
        as_of_dates.is_current,
        cast({{ dbt.dateadd('year', -1, 'as_of_dates.as_of_date') }} as date) as last_year_as_of_date
    from kpis
    inner join as_of_dates
        on kpis.kpi_date = as_of_dates.as_of_date

),

compared as (

    select
        current_kpis.*,
        last_year.metric_value as last_year_value,
        coalesce(scope_benchmark.benchmark_value, all_benchmark.benchmark_value) as benchmark_value,
        case
            when scope_benchmark.benchmark_value is not null then scope_benchmark.scope
            when all_benchmark.benchmark_value is not null then 'all'
        end as benchmark_scope,
        coalesce(scope_benchmark.source_note, all_benchmark.source_note) as benchmark_source_note
    from current_kpis
    left join kpis as last_year
        on
            current_kpis.rollup_type = last_year.rollup_type
            and current_kpis.breakdown = last_year.breakdown
            and current_kpis.breakdown_value = last_year.breakdown_value
            and current_kpis.metric = last_year.metric
            and current_kpis.last_year_as_of_date = last_year.kpi_date
    left join benchmarks as scope_benchmark
        on
            current_kpis.metric = scope_benchmark.metric
            and current_kpis.rollup_type = 'book'
            and current_kpis.breakdown = scope_benchmark.scope
            and current_kpis.breakdown_value = scope_benchmark.scope_value
    left join benchmarks as all_benchmark
        on
            current_kpis.metric = all_benchmark.metric
            and all_benchmark.scope = 'all'

),

final as (

    select
        compared.rollup_type,
        compared.breakdown,
        compared.breakdown_value,
        case when compared.rollup_type = 'manager' then managers.manager_name end as manager_name,
        compared.as_of_date,
        compared.period_index,
        compared.is_current,
        compared.metric,
        compared.metric_value,
        compared.numerator,
        compared.denominator,
        compared.last_year_as_of_date,
        compared.last_year_value,
        cast(compared.metric_value - compared.last_year_value as {{ type_double() }}) as gap_to_last_year,
        cast(compared.benchmark_value as {{ type_double() }}) as benchmark_value,
        compared.benchmark_scope,
        compared.benchmark_source_note,
        cast(compared.metric_value - compared.benchmark_value as {{ type_double() }}) as gap_to_benchmark,
        case
            when compared.metric_value is not null and compared.benchmark_value is not null
                then compared.metric_value >= compared.benchmark_value
        end as is_benchmark_met
    from compared
    left join managers
        on compared.breakdown_value = managers.manager_id

)

select * from final
