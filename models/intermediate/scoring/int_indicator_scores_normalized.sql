-- Each indicator's 0-100 score per customer and as-of date, as the score uses it:
-- the normalized score with the missing-data policy applied
-- (int_indicator_scores_imputed), dropped out for every customer at a date when
-- the indicator carries no information there (int_indicator_health: no input,
-- no data, or every customer scored the same after the policy), whatever the
-- policy: no information is not a zero.
--   has_data     an observation that counts for coverage: a value, or for
--                policy own_level the absence of one (presence is the signal);
--                imputed zeros and fifties are not data;
--   is_excluded  no part in the means (no information, or policy exclude and
--                no value);
--   score_among_all_customers  the score normalized among all the date's
--                customers instead of the peer group (the same without one).
-- A view (issue #17): int_indicator_contributions, its only reader, stores the
-- result; its filter on as_of_date reaches the indicator tables through the view.
{{ config(materialized=view_materialization()) }}

with imputed as (

    select * from {{ ref('int_indicator_scores_imputed') }}

),

health as (

    select * from {{ ref('int_indicator_health') }}

),

final as (

    select
        imputed.as_of_date,
        imputed.account_id,
        imputed.indicator,
        imputed.element,
        imputed.behaviour,
        imputed.direction,
        imputed.normalization,
        imputed.peer_group_value,
        imputed.when_missing,
        imputed.weight,
        imputed.element_weight,
        imputed.raw_value,
        imputed.evidence_count,
        imputed.weighted_evidence,
        imputed.has_observation and coalesce(health.carries_information, true) as has_data,
        not coalesce(health.carries_information, true) or imputed.is_excluded_by_policy as is_excluded,
        case when coalesce(health.carries_information, true) then imputed.imputed_score end as indicator_score,
        -- among all the date's customers, whatever the peer group: what learnt weights may use
        case
            when coalesce(health.carries_information, true) then imputed.score_among_all_customers
        end as score_among_all_customers
    from imputed
    left join health
        on
            imputed.as_of_date = health.as_of_date
            and imputed.indicator = health.indicator

)

select * from final
