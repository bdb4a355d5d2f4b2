-- One row per customer per as-of date (the current one and each past period end):
-- every score, its coverage, band, change against the previous period and alert.
with scores as (

    select * from {{ ref('int_customer_scores_banded') }}

),

population as (

    select * from {{ ref('int_scoring_population') }}

),

velocity as (

    select * from {{ ref('int_customer_score_velocity') }}

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
        {%- for element in score_elements() %}
        cast(scores.{{ element }}_score as {{ type_double() }}) as {{ element }}_score,
        {%- endfor %}
        {%- for behaviour in score_behaviours() %}
        cast(scores.{{ behaviour }}_score as {{ type_double() }}) as {{ behaviour }}_score,
        {%- endfor %}
        cast(scores.coverage_pct as {{ type_double() }}) as coverage_pct,
        cast(scores.indicators_with_data as {{ dbt.type_bigint() }}) as indicators_with_data,
        scores.band,
        scores.previous_as_of_date,
        cast(scores.previous_engagement_score as {{ type_double() }}) as previous_engagement_score,
        scores.previous_band,
        cast(scores.score_change as {{ type_double() }}) as score_change,
        scores.is_alerted,
        scores.alert_reason,
        velocity.score_velocity_points_per_month,
        population.attributes_as_of,
        population.has_attributes_of_time
    from scores
    inner join population
        on
            scores.as_of_date = population.as_of_date
            and scores.account_id = population.account_id
    left join velocity
        on
            scores.as_of_date = velocity.as_of_date
            and scores.account_id = velocity.account_id

)

select * from final
