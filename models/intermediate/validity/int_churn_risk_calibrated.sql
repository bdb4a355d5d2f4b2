-- Calibrated churn risk: per bin of engagement score (var
-- engagement__churn_risk_bin_points wide), the share of past customers scored in
-- that bin, pooled over every observed as-of date, who churned within the horizon
-- engagement__churn_risk_horizon_days. Null (churn_risk_pct) for a bin with fewer
-- customer-dates than engagement__churn_risk_min_customers: too few to say.
-- The marts look a score's bin up here with the macro churn_risk_bin.
-- A view: one model reads it, so storing it would only add a write (issue #17).
{{ config(materialized=view_materialization()) }}

with outcomes as (

    select * from {{ ref('int_customer_outcomes') }}
    where is_observed and horizon_days = {{ churn_risk_horizon() }}

),

scores as (

    select * from {{ ref('int_customer_scores') }}
    where engagement_score is not null

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
        score_bin,
        count(*) as customers,
        sum(case when is_churned then 1 else 0 end) as churned_customers
    from binned
    group by score_bin

),

final as (

    select
        score_bin,
        cast(score_bin * {{ var('engagement__churn_risk_bin_points') }} as {{ type_double() }}) as bin_lower_score,
        cast(
            least((score_bin + 1) * {{ var('engagement__churn_risk_bin_points') }}, 100) as {{ type_double() }}
        ) as bin_upper_score,
        {{ churn_risk_horizon() }} as horizon_days,
        customers,
        churned_customers,
        case
            when customers >= {{ var('engagement__churn_risk_min_customers') }}
                then 100 * churned_customers / cast(customers as {{ type_double() }})
        end as churn_risk_pct
    from counted

)

select * from final
