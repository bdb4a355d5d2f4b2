-- Composite scores per customer and as-of date, all 0-100:
--   engagement_score: weighted mean of the element scores (element weights), which
--     equals the sum of the indicators' contribution points;
--   <element>_score: weighted mean of the element's indicator scores;
--   <behaviour>_score (say / stay / spend): the same over the behaviour column
--     (both computed once, as rows, in int_customer_scores_by_group);
--   coverage_pct: share of the total nominal weight whose indicator had data.
-- Excluded indicators (missing, policy `exclude`) take no part in any mean.
{{ config(pre_hook="{{ delete_stale_as_of_dates(ref('int_scoring_as_of_dates')) }}", **incremental_by_as_of_date()) }}

with contributions as (

    select * from {{ ref('int_indicator_contributions') }}
    where {{ as_of_dates_to_refresh('as_of_date', ref('int_scoring_as_of_dates')) }}

),

group_scores as (

    select * from {{ ref('int_customer_scores_by_group') }}
    where {{ as_of_dates_to_refresh('as_of_date', ref('int_scoring_as_of_dates')) }}

),

composite as (

    select
        as_of_date,
        account_id,
        -- clamped only against float rounding (a sum of weights can be 1 + 1e-16)
        case
            when sum(effective_weight) > 0 then {{ clamp_0_100('sum(contribution_points)') }}
        end as engagement_score,
        {{ clamp_0_100('100 * sum(case when has_data then nominal_weight else 0 end)') }} as coverage_pct,
        sum(case when has_data then 1 else 0 end) as indicators_with_data,
        count(*) as indicators_total
    from contributions
    group by as_of_date, account_id

),

-- the groups the scoring method names (docs/scoring.md) as columns: the marts'
-- contracts list them; every group of the seeds, these and any other, is a row
-- of int_customer_scores_by_group
group_columns as (

    select
        as_of_date,
        account_id,
        max(case when score_kind = 'element' and score_group = 'product_usage' then group_score end)
            as product_usage_score,
        max(case when score_kind = 'element' and score_group = 'sentiment' then group_score end) as sentiment_score,
        max(case when score_kind = 'element' and score_group = 'involvement' then group_score end)
            as involvement_score,
        max(case when score_kind = 'element' and score_group = 'competitive_status' then group_score end)
            as competitive_status_score,
        max(case when score_kind = 'behaviour' and score_group = 'say' then group_score end) as say_score,
        max(case when score_kind = 'behaviour' and score_group = 'stay' then group_score end) as stay_score,
        max(case when score_kind = 'behaviour' and score_group = 'spend' then group_score end) as spend_score
    from group_scores
    group by as_of_date, account_id

),

final as (

    select
        composite.as_of_date,
        composite.account_id,
        composite.engagement_score,
        group_columns.product_usage_score,
        group_columns.sentiment_score,
        group_columns.involvement_score,
        group_columns.competitive_status_score,
        group_columns.say_score,
        group_columns.stay_score,
        group_columns.spend_score,
        composite.coverage_pct,
        composite.indicators_with_data,
        composite.indicators_total
    from composite
    left join group_columns
        on
            composite.as_of_date = group_columns.as_of_date
            and composite.account_id = group_columns.account_id

)

select * from final
