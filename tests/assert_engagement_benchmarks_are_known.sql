-- Every row of seeds/scoring/engagement_benchmarks.csv names a known metric
-- (macro book_kpi_metrics) and scope (`all` or one of the book's breakdowns), and
-- scope `all` has scope_value `all`. Fails with one row per bad seed row,
-- saying which and why (stored: dbt prints the query that shows them).
{{ config(store_failures=true) }}

with benchmarks as (

    select * from {{ ref('engagement_benchmarks') }}

),

known_metrics as (

    {%- for metric in book_kpi_metrics() %}
    select '{{ metric }}' as metric
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}

),

known_scopes as (

    {%- for scope in ['all', 'segment', 'region', 'industry'] %}
    select '{{ scope }}' as scope
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}

),

checked as (

    select
        benchmarks.metric,
        benchmarks.scope,
        benchmarks.scope_value,
        case
            when known_metrics.metric is null
                then 'unknown metric (macro book_kpi_metrics lists them)'
            when known_scopes.scope is null
                then 'unknown scope: expected all, segment, region or industry'
            when benchmarks.scope = 'all' and coalesce(benchmarks.scope_value, '') != 'all'
                then 'scope all needs scope_value all'
        end as problem
    from benchmarks
    left join known_metrics
        on benchmarks.metric = known_metrics.metric
    left join known_scopes
        on benchmarks.scope = known_scopes.scope

),

final as (

    select
        {{ dbt.concat([
            "'engagement_benchmarks row metric='", "coalesce(metric, 'null')",
            "', scope='", "coalesce(scope, 'null')",
            "', scope_value='", "coalesce(scope_value, 'null')",
        ]) }} as seed_row,
        problem
    from checked
    where problem is not null

)

select * from final
