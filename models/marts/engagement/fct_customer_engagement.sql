-- One row per customer per as-of date (the current one and each past period end):
-- every score, its coverage, band, change against the previous period and alert,
-- the lifecycle stage with the days to renewal, and the band of a manual
-- override in force (beside the computed band, which it never changes).
with scores as (

    select * from {{ ref('int_customer_scores_banded') }}

),

population as (

    select * from {{ ref('int_scoring_population') }}

),

lifecycle as (

    select * from {{ ref('int_customer_lifecycle_stages') }}

),

overrides_in_force as (

    select * from {{ ref('int_customer_overrides_in_force') }}

),

velocity as (

    select * from {{ ref('int_customer_score_velocity') }}

),

churn_risk as (

    select * from {{ ref('int_churn_risk_calibrated') }}

),

final as (

    select
        scores.account_id,
        scores.as_of_date,
        scores.period_index,
        scores.is_current,
        population.parent_account_id,
        population.manager_id,
        population.segment,
        population.region,
        cast(population.annual_contract_value as {{ type_double() }}) as annual_contract_value,
        cast(scores.engagement_score as {{ type_double() }}) as engagement_score,
        cast(scores.product_usage_score as {{ type_double() }}) as product_usage_score,
        cast(scores.sentiment_score as {{ type_double() }}) as sentiment_score,
        cast(scores.involvement_score as {{ type_double() }}) as involvement_score,
        cast(scores.competitive_status_score as {{ type_double() }}) as competitive_status_score,
        cast(scores.say_score as {{ type_double() }}) as say_score,
        cast(scores.stay_score as {{ type_double() }}) as stay_score,
        cast(scores.spend_score as {{ type_double() }}) as spend_score,
        cast(scores.coverage_pct as {{ type_double() }}) as coverage_pct,
        cast(scores.indicators_with_data as {{ dbt.type_bigint() }}) as indicators_with_data,
        scores.band,
        scores.previous_as_of_date,
        cast(scores.previous_engagement_score as {{ type_double() }}) as previous_engagement_score,
        scores.previous_band,
        cast(scores.score_change as {{ type_double() }}) as score_change,
        scores.is_alerted,
        scores.alert_reason,
        lifecycle.lifecycle_stage,
        lifecycle.days_to_renewal,
        lifecycle.next_contract_end_on,
        lifecycle.has_open_renewal,
        overrides_in_force.override_band,
        velocity.score_velocity_points_per_month,
        population.attributes_as_of,
        population.has_attributes_of_time,
        cast(churn_risk.churn_risk_pct as {{ type_double() }}) as churn_risk_pct,
        case
            when scores.engagement_score is null then 'no_score'
            else churn_risk.churn_risk_null_reason
        end as churn_risk_null_reason
    from scores
    inner join population
        on
            scores.as_of_date = population.as_of_date
            and scores.account_id = population.account_id
    left join lifecycle
        on
            scores.as_of_date = lifecycle.as_of_date
            and scores.account_id = lifecycle.account_id
    left join overrides_in_force
        on
            scores.as_of_date = overrides_in_force.as_of_date
            and scores.account_id = overrides_in_force.account_id
    left join velocity
        on
            scores.as_of_date = velocity.as_of_date
            and scores.account_id = velocity.account_id
    left join churn_risk
        on {{ churn_risk_bin('scores.engagement_score') }} = churn_risk.score_bin

)

select * from final
