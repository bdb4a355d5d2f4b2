-- The indicator registry as analysts and BI tools read it: one row per indicator,
-- with what the user's own outcomes say about it (int_indicator_weights_learnt):
-- its AUC against churn on the training dates, its learnt share, and whether its
-- data contradicts the registry's direction (listed, never flipped), and whether
-- the learnt weights compare it among all customers rather than its peer group.
with registry as (

    select * from {{ ref('int_indicator_registry') }}

),

learnt as (

    select * from {{ ref('int_indicator_weights_learnt') }}

),

final as (

    select
        registry.indicator,
        registry.element,
        registry.behaviour,
        registry.direction,
        registry.weight,
        registry.half_life_days,
        registry.normalization,
        registry.target,
        registry.when_missing,
        registry.peer_group,
        registry.element_weight,
        cast(learnt.outcome_auc as {{ type_double() }}) as outcome_auc,
        cast(learnt.learnt_share as {{ type_double() }}) as learnt_share,
        coalesce(learnt.contradicts_direction, false) as contradicts_direction,
        coalesce(learnt.is_among_all_customers, false) as learnt_among_all_customers
    from registry
    left join learnt
        on registry.indicator = learnt.indicator

)

select * from final
