-- Calibrated churn risk: per bin of engagement score (var
-- engagement__churn_risk_bin_points wide), the share of past customers scored in
-- that bin, pooled over every observed as-of date, who churned within the horizon
-- engagement__churn_risk_horizon_days. One row per bin, every bin of the 0-100
-- scale, so a score always finds its bin and the reason when there is no risk.
--   observed_churn_pct  the bin's churn rate as observed;
--   churn_risk_pct      the same made monotone: a lower score never shows a lower
--                       risk. Adjacent bins that break the order are pooled
--                       (isotonic regression, pool adjacent violators, weighted by
--                       customers): the pooled rate of bins a..b is
--                       (churned_a + ... + churned_b) / (customers_a + ... + customers_b),
--                       and a bin's risk is min over a <= bin of max over b >= bin
--                       of that rate (the closed form of the pooled result);
--   churn_risk_null_reason  why the risk is unknown (null):
--     no_observed_outcomes     no as-of date whose horizon has elapsed;
--     too_few_churn_events     fewer churns over all observed dates than
--                              engagement__churn_risk_min_churned (none at all
--                              included: no churn in the data is "unknown", not 0%);
--     too_few_customers_in_bin fewer customer-dates in the bin than
--                              engagement__churn_risk_min_customers.
-- Bins with too few customers take no part in the pooling.
-- The marts look a score's bin up here with the macro churn_risk_bin.
-- A view: one model reads it, so storing it would only add a write (issue #17).
{{ config(materialized=view_materialization()) }}

{%- set bin_points = var('engagement__churn_risk_bin_points') %}
{%- set last_bin = ((100 / bin_points) | round(0, 'ceil') | int) - 1 %}
{%- set min_customers = var('engagement__churn_risk_min_customers') %}
{%- set min_churned = var('engagement__churn_risk_min_churned') %}

with outcomes as (

    select * from {{ ref('int_customer_outcomes') }}
    where is_observed and horizon_days = {{ churn_risk_horizon() }}

),

scores as (

    select * from {{ ref('int_customer_scores') }}
    where engagement_score is not null

),

bins as (

    {%- for score_bin in range(last_bin + 1) %}
    select {{ score_bin }} as score_bin
    {% if not loop.last %}union all{% endif %}
    {%- endfor %}

),

binned as (

    select
        {{ churn_risk_bin('scores.engagement_score') }} as score_bin,
        outcomes.is_churned
    from outcomes
    inner join scores
        on
            outcomes.as_of_date = scores.as_of_date
            and outcomes.account_id = scores.account_id

),

counted as (

    select
        bins.score_bin,
        count(binned.score_bin) as customers,
        count(case when binned.is_churned then 1 end) as churned_customers
    from bins
    left join binned
        on bins.score_bin = binned.score_bin
    group by bins.score_bin

),

totals as (

    select
        sum(customers) as observed_customers,
        sum(churned_customers) as observed_churned
    from counted

),

-- the bins that take part in the pooling, with running totals in score order
eligible as (

    select
        score_bin,
        customers,
        churned_customers,
        sum(customers) over (order by score_bin rows between unbounded preceding and current row) as customers_through,
        sum(churned_customers) over (order by score_bin rows between unbounded preceding and current row)
            as churned_through
    from counted
    where customers >= {{ min_customers }}

),

-- the churn rate of every run of adjacent eligible bins a..b
runs as (

    select
        run_start.score_bin as start_bin,
        run_end.score_bin as end_bin,
        (run_end.churned_through - run_start.churned_through + run_start.churned_customers)
        / cast(run_end.customers_through - run_start.customers_through + run_start.customers as {{ type_double() }})
            as run_churn_rate
    from eligible as run_start
    inner join eligible as run_end
        on run_start.score_bin <= run_end.score_bin

),

-- per bin and run start a <= bin: the highest rate of the runs from a that reach the bin
highest_from_start as (

    select
        eligible.score_bin,
        runs.start_bin,
        max(runs.run_churn_rate) as highest_rate
    from eligible
    inner join runs
        on
            eligible.score_bin >= runs.start_bin
            and eligible.score_bin <= runs.end_bin
    group by eligible.score_bin, runs.start_bin

),

pooled as (

    select
        score_bin,
        min(highest_rate) as pooled_churn_rate
    from highest_from_start
    group by score_bin

),

final as (

    select
        counted.score_bin,
        cast(counted.score_bin * {{ bin_points }} as {{ type_double() }}) as bin_lower_score,
        cast(
            least((counted.score_bin + 1) * {{ bin_points }}, 100) as {{ type_double() }}
        ) as bin_upper_score,
        {{ churn_risk_horizon() }} as horizon_days,
        counted.customers,
        counted.churned_customers,
        case
            when counted.customers >= {{ min_customers }}
                then 100 * counted.churned_customers / cast(counted.customers as {{ type_double() }})
        end as observed_churn_pct,
        case
            when totals.observed_churned >= {{ min_churned }} and counted.customers >= {{ min_customers }}
                then 100 * pooled.pooled_churn_rate
        end as churn_risk_pct,
        case
            when totals.observed_customers = 0 then 'no_observed_outcomes'
            when totals.observed_churned < {{ min_churned }} then 'too_few_churn_events'
            when counted.customers < {{ min_customers }} then 'too_few_customers_in_bin'
        end as churn_risk_null_reason
    from counted
    cross join totals
    left join pooled
        on counted.score_bin = pooled.score_bin

)

select * from final
