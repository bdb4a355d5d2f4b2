-- Composite scores per customer and as-of date, all 0-100:
--   engagement_score: weighted mean of the element scores (element weights), which
--     equals the sum of the indicators' contribution points;
--   <element>_score: weighted mean of the element's indicator scores;
--   <behaviour>_score (say / stay / spend): the same over the behaviour column;
--   coverage_pct: share of the total nominal weight whose indicator had data.
-- Excluded indicators (missing, policy `exclude`) take no part in any mean.
{{ config(pre_hook="{{ delete_stale_as_of_dates(ref('int_scoring_as_of_dates')) }}", **incremental_by_as_of_date()) }}

with contributions as (

    select * from {{ ref('int_indicator_contributions') }}
    where {{ as_of_dates_to_refresh('as_of_date', ref('int_scoring_as_of_dates')) }}

),

final as (

    select
        as_of_date,
        account_id,
        -- clamped only against float rounding (a sum of weights can be 1 + 1e-16)
        case
            when sum(effective_weight) > 0 then {{ clamp_0_100('sum(contribution_points)') }}
        end as engagement_score,
        -- element and behaviour scores: clamped only against float rounding (a weighted
        -- mean of 100s can be 100 + 1e-14)
        {%- for element in score_elements() %}
        {{ clamp_0_100(
            "sum(case when element = '" ~ element ~ "' and not is_excluded then weight * indicator_score end)"
            ~ " / nullif(sum(case when element = '" ~ element ~ "' and not is_excluded then weight end), 0)"
        ) }} as {{ element }}_score,
        {%- endfor %}
        {%- for behaviour in score_behaviours() %}
        {{ clamp_0_100(
            "sum(case when behaviour = '" ~ behaviour ~ "' and not is_excluded then weight * indicator_score end)"
            ~ " / nullif(sum(case when behaviour = '" ~ behaviour ~ "' and not is_excluded then weight end), 0)"
        ) }} as {{ behaviour }}_score,
        {%- endfor %}
        {{ clamp_0_100('100 * sum(case when has_data then nominal_weight else 0 end)') }} as coverage_pct,
        sum(case when has_data then 1 else 0 end) as indicators_with_data,
        count(*) as indicators_total
    from contributions
    group by as_of_date, account_id

)

select * from final
