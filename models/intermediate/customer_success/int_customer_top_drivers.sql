-- The three indicators pulling each current customer's engagement score up and
-- down the most (dim_customer_engagement.top_driver_*), by their impact points
-- (effective weight x (score - 50); docs/scoring.md "Explanations"). A
-- driver is named only when its impact is at least var
-- engagement__driver_min_impact_points (0.5) points either way. Read from the
-- stored contributions, not the fct_customer_indicator_scores view: the view's
-- join to the contribution changes keeps the current-date filter from reaching
-- the table, so every date's changes would be computed (a minute at large).
{%- set min_impact = driver_min_impact_points() %}

with contributions as (

    select * from {{ ref('int_indicator_contributions') }}

),

as_of_dates as (

    select * from {{ ref('int_scoring_as_of_dates') }}

),

driver_impacts as (

    select
        contributions.account_id,
        contributions.indicator,
        -- impact compared rounded (macro stable_value), ties broken by the indicator's name
        {{ stable_value('cast(contributions.impact_points as ' ~ type_double() ~ ')') }} as impact_points
    from contributions
    inner join as_of_dates
        on contributions.as_of_date = as_of_dates.as_of_date
    where as_of_dates.is_current and not contributions.is_excluded

),

drivers_ranked as (

    select
        account_id,
        indicator,
        impact_points,
        row_number() over (partition by account_id order by impact_points desc, indicator asc) as rank_up,
        row_number() over (partition by account_id order by impact_points asc, indicator asc) as rank_down
    from driver_impacts

),

final as (

    select
        account_id,
        max(case when rank_up = 1 and impact_points >= {{ min_impact }} then indicator end) as top_driver_up_1,
        max(case when rank_up = 2 and impact_points >= {{ min_impact }} then indicator end) as top_driver_up_2,
        max(case when rank_up = 3 and impact_points >= {{ min_impact }} then indicator end) as top_driver_up_3,
        max(case when rank_down = 1 and impact_points <= -{{ min_impact }} then indicator end) as top_driver_down_1,
        max(case when rank_down = 2 and impact_points <= -{{ min_impact }} then indicator end) as top_driver_down_2,
        max(case when rank_down = 3 and impact_points <= -{{ min_impact }} then indicator end) as top_driver_down_3
    from drivers_ranked
    group by account_id

)

select * from final
