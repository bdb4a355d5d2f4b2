-- How much each indicator counts in each customer's engagement score.
--   nominal_weight   its share of the total weight when every indicator has data:
--                    element weight share * indicator weight share in the element;
--   effective_weight its share after excluded indicators drop out and the
--                    remaining weights are re-normalized (0 when excluded);
--   contribution_points = effective_weight * score: these add up to the score;
--   points_left_on_table = effective_weight * (100 - score): the room to grow;
--   impact_points = effective_weight * (score - 50): pull up (+) or down (-)
--                    against a neutral 50, what ranks the top drivers.
{{ config(pre_hook="{{ delete_stale_as_of_dates(ref('int_scoring_as_of_dates')) }}", **incremental_by_as_of_date()) }}

with scores as (

    select * from {{ ref('int_indicator_scores_normalized') }}
    where {{ as_of_dates_to_refresh('as_of_date', ref('int_scoring_as_of_dates')) }}

),

element_weights as (

    -- every element's indicator weights, all and those not excluded, per customer
    select
        as_of_date,
        account_id,
        element,
        max(element_weight) as element_weight,
        sum(weight) as element_indicator_weight,
        sum(case when not is_excluded then weight else 0 end) as included_indicator_weight
    from scores
    group by as_of_date, account_id, element

),

customer_weights as (

    select
        as_of_date,
        account_id,
        sum(element_weight) as total_element_weight,
        sum(case when included_indicator_weight > 0 then element_weight else 0 end) as included_element_weight
    from element_weights
    group by as_of_date, account_id

),

weighted as (

    select
        scores.*,
        element_weights.element_weight / customer_weights.total_element_weight
        * scores.weight / element_weights.element_indicator_weight as nominal_weight,
        case
            when scores.is_excluded then 0
            else
                element_weights.element_weight / customer_weights.included_element_weight
                * scores.weight / element_weights.included_indicator_weight
        end as effective_weight
    from scores
    inner join element_weights
        on
            scores.as_of_date = element_weights.as_of_date
            and scores.account_id = element_weights.account_id
            and scores.element = element_weights.element
    inner join customer_weights
        on
            scores.as_of_date = customer_weights.as_of_date
            and scores.account_id = customer_weights.account_id

),

final as (

    select
        *,
        effective_weight * coalesce(indicator_score, 0) as contribution_points,
        effective_weight * (100 - coalesce(indicator_score, 100)) as points_left_on_table,
        effective_weight * (coalesce(indicator_score, 50) - 50) as impact_points
    from weighted

)

select * from final
