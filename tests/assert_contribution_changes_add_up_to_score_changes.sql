-- Why the score moved is exact: per customer and as-of date with a previous
-- period score, the indicators' contribution changes add up to score_change.
with indicators as (

    select
        account_id,
        as_of_date,
        sum(contribution_change_points) as contribution_change_points,
        count(contribution_change_points) as changes_with_value
    from {{ ref('fct_customer_indicator_scores') }}
    group by account_id, as_of_date

)

select
    indicators.*,
    customers.score_change
from indicators
inner join {{ ref('fct_customer_engagement') }} as customers
    on
        indicators.account_id = customers.account_id
        and indicators.as_of_date = customers.as_of_date
where
    (customers.score_change is null and indicators.changes_with_value > 0)
    or (customers.score_change is not null and indicators.contribution_change_points is null)
    or abs(indicators.contribution_change_points - customers.score_change) > 1e-9
