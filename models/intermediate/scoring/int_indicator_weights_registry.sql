-- The registry's weights of each indicator in each customer's engagement score:
--   nominal_weight      its share of the total weight when every indicator has data:
--                       element weight share * indicator weight share in the element;
--   renormalized_weight its share after excluded indicators drop out and the
--                       remaining weights are re-normalized (0 when excluded);
--   effective_weight    the renormalized share capped at var
--                       engagement__max_indicator_share (default 0.25): when
--                       indicators drop out, no single survivor takes more than
--                       that share of the score; the excess goes to the uncapped
--                       indicators in proportion to their shares (water-filling,
--                       macro capped_share). With fewer indicators left than
--                       1 / cap, they count equally. 1 switches the cap off.
-- int_indicator_contributions applies these (or the learnt weights, var
-- engagement__weights); int_score_weights_held_out scores with them.
-- A view: its readers filter on as_of_date, which reaches the scores through the
-- groupings and windows, all by as_of_date and customer.
{{ config(materialized=view_materialization()) }}

{%- set max_share = max_indicator_share() %}

with scores as (

    select * from {{ ref('int_indicator_scores_normalized') }}

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
        end as renormalized_weight
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

-- the cap: the included indicators of each customer-date, largest share first
cap_ordered as (

    {{ capped_share_order('weighted', 'renormalized_weight', ['as_of_date', 'account_id'], 'indicator', max_share) }}

),

cap_cut as (

    {{ capped_share_cut('cap_ordered', ['as_of_date', 'account_id']) }}

),

capped as (

    select
        cap_cut.*,
        {{ capped_share('cap_cut', 'renormalized_weight', max_share) }} as effective_weight
    from cap_cut

),

final as (

    select
        as_of_date,
        account_id,
        indicator,
        element,
        behaviour,
        direction,
        normalization,
        peer_group_value,
        when_missing,
        weight,
        element_weight,
        raw_value,
        evidence_count,
        weighted_evidence,
        has_data,
        is_excluded,
        indicator_score,
        nominal_weight,
        renormalized_weight,
        effective_weight
    from capped

)

select * from final
