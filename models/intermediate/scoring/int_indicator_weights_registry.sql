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
--                       the steps cap_* below). With fewer indicators left than
--                       1 / cap, they count equally. 1 switches the cap off.
-- int_indicator_contributions applies these (or the learnt weights, var
-- engagement__weights); int_score_weights_held_out scores with them.
-- Stored, incremental by as-of date (issue #29): int_indicator_contributions and
-- int_score_weights_held_out read it, and as a view each recomputed the weights and
-- the cap's windows. Everything here is per customer and date.
{{ config(pre_hook="{{ delete_stale_as_of_dates(ref('int_scoring_as_of_dates')) }}", **incremental_by_as_of_date()) }}

{#- var engagement__max_indicator_share, checked: a share in (0, 1] (1 = no cap) -#}
{%- set max_share = var('engagement__max_indicator_share', 0.25) %}
{%- if max_share is not number or max_share <= 0 or max_share > 1 %}
    {{ exceptions.raise_compiler_error("engagement__max_indicator_share must be a share in (0, 1] (1 = no cap), not '"
        ~ max_share ~ "'") }}
{%- endif %}

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
        sum(case when not is_excluded then weight else 0 end) as included_indicator_weight,
        max(case when not is_excluded then weight end) as largest_included_weight
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

customer_shares as (

    -- the customer's weights, and its largest re-normalized share (the same expression
    -- as renormalized_weight below, on the element's largest included weight): the cap
    -- below can only bind where that share reaches it
    select
        customer_weights.as_of_date,
        customer_weights.account_id,
        max(customer_weights.total_element_weight) as total_element_weight,
        max(customer_weights.included_element_weight) as included_element_weight,
        max(
            case
                when element_weights.included_indicator_weight > 0
                    then
                        element_weights.element_weight / customer_weights.included_element_weight
                        * element_weights.largest_included_weight / element_weights.included_indicator_weight
            end
        ) as largest_share
    from customer_weights
    inner join element_weights
        on
            customer_weights.as_of_date = element_weights.as_of_date
            and customer_weights.account_id = element_weights.account_id
    group by customer_weights.as_of_date, customer_weights.account_id

),

weighted as (

    select
        scores.*,
        element_weights.element_weight / customer_shares.total_element_weight
        * scores.weight / element_weights.element_indicator_weight as nominal_weight,
        case
            when scores.is_excluded then 0
            else
                element_weights.element_weight / customer_shares.included_element_weight
                * scores.weight / element_weights.included_indicator_weight
        end as renormalized_weight,
        -- whether the cap can bind for the customer (1e-9 below the cap, so that a share
        -- at the cap up to float noise takes the exact steps below)
        coalesce(customer_shares.largest_share > {{ max_share }} - 1e-9, false) as cap_may_bind
    from scores
    inner join element_weights
        on
            scores.as_of_date = element_weights.as_of_date
            and scores.account_id = element_weights.account_id
            and scores.element = element_weights.element
    inner join customer_shares
        on
            scores.as_of_date = customer_shares.as_of_date
            and scores.account_id = customer_shares.account_id

),

-- The cap (docs/scoring.md, "Weights that follow what is there"). Shares
-- w_1 >= w_2 >= ... >= w_n > 0 of one customer-date add up to 1; capped at c they
-- become: the k largest at c, the rest scaled by (1 - k c) / (w_(k+1) + ... + w_n),
-- with k the smallest number for which no scaled share exceeds c (water-filling:
-- the excess of the capped shares flows to the others in proportion to their
-- shares). The condition for j = k + 1 is w_j (1 - (j - 1) c) <= c (w_j + ... + w_n).
-- No such k exists when n c < 1: too few indicators to keep each under c, so they
-- count equally (1 / n).
-- The steps run only on the customer-dates where the cap can bind (cap_may_bind):
-- elsewhere no share exceeds the cap and the shares stay as they are (the
-- condition holds at position 1), without sorting every row of every customer.
-- Step 1: each included indicator's position among the positive shares (largest
-- first, ties by name), the sum of the shares from its position on, and the
-- number of positive shares.
cap_positions as (

    select
        *,
        case
            when renormalized_weight > 0
                then row_number() over (
                    partition by as_of_date, account_id, case when renormalized_weight > 0 then 1 else 0 end
                    order by renormalized_weight desc, indicator asc
                )
        end as share_position,
        sum(case when renormalized_weight > 0 then renormalized_weight else 0 end) over (
            partition by as_of_date, account_id, case when renormalized_weight > 0 then 1 else 0 end
            order by renormalized_weight desc, indicator asc
            rows between current row and unbounded following
        ) as share_from_position,
        count(case when renormalized_weight > 0 then 1 end) over (partition by as_of_date, account_id)
            as positive_shares
    from weighted
    where cap_may_bind

),

-- step 2: whether the cap can start at the position (the condition above, with
-- 1e-12 of slack for float noise)
cap_checked as (

    select
        *,
        share_position is not null
        and (share_position - 1) * {{ max_share }} < 1
        and renormalized_weight * (1 - (share_position - 1) * {{ max_share }})
        <= {{ max_share }} * share_from_position + 1e-12 as cap_fits
    from cap_positions

),

-- step 3: the first position the cap fits at (null when none does)
cap_first as (

    select
        *,
        min(case when cap_fits then share_position end) over (partition by as_of_date, account_id)
            as cap_first_uncapped
    from cap_checked

),

-- step 4: the sum of the shares from that position on
cap_cut as (

    select
        *,
        max(case when share_position = cap_first_uncapped then share_from_position end)
            over (partition by as_of_date, account_id) as cap_uncapped_total
    from cap_first

),

capped as (

    select
        *,
        case
            when not renormalized_weight > 0 then 0
            when cap_first_uncapped is null then 1 / cast(positive_shares as {{ type_double() }})
            -- no share above the cap: unchanged (not rescaled by a sum that is 1 up to float noise)
            when cap_first_uncapped = 1 then renormalized_weight
            when share_position < cap_first_uncapped then {{ max_share }}
            else renormalized_weight * (1 - (cap_first_uncapped - 1) * {{ max_share }}) / cap_uncapped_total
        end as effective_weight
    from cap_cut

),

final as (

    select
        {{ scored_indicator_columns(['has_data', 'is_excluded', 'indicator_score', 'score_among_all_customers', 'nominal_weight',
            'renormalized_weight', 'effective_weight']) }}
    from capped
    union all
    select
        {{ scored_indicator_columns(['has_data', 'is_excluded', 'indicator_score', 'score_among_all_customers', 'nominal_weight',
            'renormalized_weight', 'case when renormalized_weight > 0 then renormalized_weight else 0 end as effective_weight']) }}
    from weighted
    where not cap_may_bind

)

select * from final
