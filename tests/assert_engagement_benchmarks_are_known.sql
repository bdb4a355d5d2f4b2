-- Every row of seeds/scoring/engagement_benchmarks.csv names a known metric and
-- scope (and scope `all` has scope_value `all`). Fails with one row per bad
-- seed row, saying which and why (stored: dbt prints the query that shows them).
{{ config(store_failures=true) }}

with benchmarks as (

    select * from {{ ref('engagement_benchmarks') }}

),

checked as (

    select
        metric,
        scope,
        scope_value,
        case
            when metric is null or metric not in ('{{ book_kpi_metrics() | join("', '") }}')
                then 'unknown metric, expected one of: {{ book_kpi_metrics() | join(", ") }}'
            when scope is null or scope not in ('{{ book_kpi_benchmark_scopes() | join("', '") }}')
                then 'unknown scope, expected one of: {{ book_kpi_benchmark_scopes() | join(", ") }}'
            when scope = 'all' and coalesce(scope_value, '') != 'all'
                then 'scope all needs scope_value all'
        end as problem
    from benchmarks

),

final as (

    select
        {{ dbt.concat(["'engagement_benchmarks row metric='", "coalesce(metric, 'null')",
            "', scope='", "coalesce(scope, 'null')", "', scope_value='", "coalesce(scope_value, 'null')"]) }}
            as seed_row,
        problem
    from checked
    where problem is not null

)

select * from final
