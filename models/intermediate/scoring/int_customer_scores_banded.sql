-- Each customer's scores with its band, the change against the previous period
-- and an alert on any of:
--   score_drop        more than engagement__alert_drop_points below the previous period;
--   band_drop         a lower band than the previous period;
--   sustained_decline the score velocity (least-squares slope over the last
--                     engagement__velocity_periods periods) falls faster than
--                     engagement__alert_decline_points_per_month (a slow drift
--                     that no single period shows; docs/marts.md "Trend as a rate").
-- Bands: engaged at or above the engaged threshold, at_risk at or above the
-- at-risk threshold, else disengaged (thresholds: see macro band_threshold).
-- Scores are compared rounded (macro stable_value), so a score on a threshold
-- falls on the same side in every run and on every engine.

with scores as (

    select * from {{ ref('int_customer_scores') }}

),

population as (

    select * from {{ ref('int_scoring_population') }}

),

velocity as (

    select * from {{ ref('int_customer_score_velocity') }}

),

thresholds as (

    select
        population.as_of_date,
        population.account_id,
        population.period_index,
        population.is_current,
        population.segment,
        {{ band_threshold('population.segment', 'engaged') }} as engaged_threshold,
        {{ band_threshold('population.segment', 'at_risk') }} as at_risk_threshold
    from population

),

banded as (

    select
        scores.*,
        thresholds.period_index,
        thresholds.is_current,
        case
            when scores.engagement_score is null then 'insufficient_data'
            when {{ stable_value('scores.engagement_score') }} >= thresholds.engaged_threshold then 'engaged'
            when {{ stable_value('scores.engagement_score') }} >= thresholds.at_risk_threshold then 'at_risk'
            else 'disengaged'
        end as band
    from scores
    inner join thresholds
        on
            scores.as_of_date = thresholds.as_of_date
            and scores.account_id = thresholds.account_id

),

ranked as (

    select
        *,
        case band when 'engaged' then 3 when 'at_risk' then 2 when 'disengaged' then 1 end as band_rank
    from banded

),

compared as (

    select
        ranked.*,
        previous.as_of_date as previous_as_of_date,
        previous.engagement_score as previous_engagement_score,
        previous.band as previous_band,
        ranked.engagement_score - previous.engagement_score as score_change,
        coalesce(
            {{ stable_value('ranked.engagement_score - previous.engagement_score') }}
            < -{{ var('engagement__alert_drop_points') }},
            false
        ) as has_score_drop,
        coalesce(ranked.band_rank < previous.band_rank, false) as has_band_drop,
        coalesce(
            {{ stable_value('velocity.score_velocity_points_per_month') }}
            < -{{ var('engagement__alert_decline_points_per_month') }},
            false
        ) as has_sustained_decline
    from ranked
    left join ranked as previous
        on
            ranked.account_id = previous.account_id
            and ranked.period_index + 1 = previous.period_index
    left join velocity
        on
            ranked.account_id = velocity.account_id
            and ranked.as_of_date = velocity.as_of_date

),

final as (

    select
        as_of_date,
        account_id,
        period_index,
        is_current,
        engagement_score,
        product_usage_score,
        sentiment_score,
        involvement_score,
        competitive_status_score,
        say_score,
        stay_score,
        spend_score,
        coverage_pct,
        indicators_with_data,
        indicators_total,
        band,
        previous_as_of_date,
        previous_engagement_score,
        previous_band,
        score_change,
        has_score_drop or has_band_drop or has_sustained_decline as is_alerted,
        nullif(concat_ws(
            ', ',
            case when has_score_drop then 'score_drop' end,
            case when has_band_drop then 'band_drop' end,
            case when has_sustained_decline then 'sustained_decline' end
        ), '') as alert_reason
    from compared

)

select * from final
