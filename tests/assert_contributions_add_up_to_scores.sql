-- The explanation is exact: per customer and as-of date the indicators' contribution
-- points add up to the engagement score, points left on the table to 100 minus it,
-- and the nominal and effective weights to 1.
with indicators as (

    select
        account_id,
        as_of_date,
        sum(contribution_points) as contribution_points,
        sum(points_left_on_table) as points_left_on_table,
        sum(nominal_weight) as nominal_weight,
        sum(effective_weight) as effective_weight
    from {{ ref('fct_customer_indicator_scores') }}
    group by account_id, as_of_date

)

select
    indicators.*,
    customers.engagement_score
from indicators
inner join {{ ref('fct_customer_engagement') }} as customers
    on
        indicators.account_id = customers.account_id
        and indicators.as_of_date = customers.as_of_date
where
    abs(indicators.contribution_points - customers.engagement_score) > 1e-9
    or abs(indicators.points_left_on_table - (100 - customers.engagement_score)) > 1e-9
    or abs(indicators.nominal_weight - 1) > 1e-9
    or abs(indicators.effective_weight - 1) > 1e-9
