-- The book-of-business KPIs per scope and KPI date, one row per metric (long):
-- value = 100 x numerator / denominator (NPS: 100 x (promoters - detractors) /
-- answers), null when the denominator is 0 (no customers at the window start,
-- no NPS answers in the period, nothing scored). Definitions: models/docs/book_kpis.md.
with counts as (

    select * from {{ ref('int_book_kpi_counts_by_scope') }}

),

{%- set metrics = [
    ('logo_retention_pct', 'customers_retained', 'customers_at_start'),
    ('gross_revenue_retention_pct', 'revenue_kept_gross', 'revenue_at_start'),
    ('net_revenue_retention_pct', 'revenue_kept_net', 'revenue_at_start'),
    ('nps', 'nps_promoters - nps_detractors', 'nps_answers'),
    ('promoters_pct', 'nps_promoters', 'nps_answers'),
    ('advocacy_rate_pct', 'advocate_customers', 'customers'),
    ('engaged_customers_pct', 'engaged_customers', 'scored_customers'),
    ('engaged_contract_value_pct', 'engaged_contract_value', 'scored_contract_value'),
] %}
{%- if metrics | map('first') | list != book_kpi_metrics() %}
    {{ exceptions.raise_compiler_error('int_book_kpis_by_scope lists other metrics than book_kpi_metrics()') }}
{%- endif %}

final as (

    {%- for metric, numerator, denominator in metrics %}
    select
        rollup_type,
        breakdown,
        breakdown_value,
        kpi_date,
        '{{ metric }}' as metric,
        cast({{ numerator }} as {{ type_double() }}) as numerator,
        cast({{ denominator }} as {{ type_double() }}) as denominator,
        cast(100 * cast({{ numerator }} as {{ type_double() }}) / nullif({{ denominator }}, 0) as {{ type_double() }})
            as metric_value
    from counts
    {%- if not loop.last %}

    union all
    {%- endif %}
    {%- endfor %}

)

select * from final
