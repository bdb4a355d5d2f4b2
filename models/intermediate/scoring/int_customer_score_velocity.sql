-- Each customer's score velocity per as-of date, in points per month: the
-- least-squares slope of its engagement score over the last
-- engagement__velocity_periods periods (macro score_velocity).
with scores as (

    select * from {{ ref('int_customer_scores') }}

),

as_of_dates as (

    select * from {{ ref('int_scoring_as_of_dates') }}

),

indexed as (

    select
        scores.account_id,
        scores.as_of_date,
        as_of_dates.period_index,
        scores.engagement_score
    from scores
    inner join as_of_dates
        on scores.as_of_date = as_of_dates.as_of_date

),

velocity as (

    {{ score_velocity('indexed', ['account_id'], 'engagement_score') }}

),

final as (

    select
        account_id,
        as_of_date,
        cast(score_velocity_points_per_month as {{ type_double() }}) as score_velocity_points_per_month
    from velocity

)

select * from final
