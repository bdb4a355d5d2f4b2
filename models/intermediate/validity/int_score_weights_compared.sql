-- The registry's and the learnt weights side by side on the same held-out date
-- (int_score_weights_held_out), and which of them scores the customers: one
-- row per set of weights (registry, learnt).
--   held_out_auc  AUC of churn against a low score on the held-out date (AUC from
--                 ranks, ties counted half); customers without a score under a set
--                 take no part in its AUC;
--   is_applied    the set int_indicator_contributions scores with, by var
--                 engagement__weights: registry (default); learnt (when learnt
--                 weights exist, else the registry, with the reason); auto (learnt
--                 when their held-out AUC beats the registry's on the same date).
--   applied_reason why this set is applied, or why the other is not.
{%- set mode = var('engagement__weights') %}
{%- if mode not in ['registry', 'learnt', 'auto'] %}
    {{ exceptions.raise_compiler_error("engagement__weights must be registry, learnt or auto, not '" ~ mode ~ "'") }}
{%- endif %}

with held_out_scores as (

    select * from {{ ref('int_score_weights_held_out') }}

),

learnt_weights as (

    select * from {{ ref('int_indicator_weights_learnt') }}

),

learnt_status as (

    select
        max(training_customer_dates) as training_customer_dates,
        max(training_churned) as training_churned,
        count(learnt_share) > 0 as has_learnt_weights
    from learnt_weights

),

weight_sets as (

    select
        'registry' as weights,
        as_of_date,
        account_id,
        is_churned,
        {{ score_for_ranking('registry_score') }} as score_value
    from held_out_scores
    where registry_score is not null
    union all
    select
        'learnt' as weights,
        as_of_date,
        account_id,
        is_churned,
        {{ score_for_ranking('learnt_score') }} as score_value
    from held_out_scores
    where learnt_score is not null

),

ranked as (

    select
        weights,
        as_of_date,
        is_churned,
        count(*) over (partition by weights) as scored,
        rank() over (partition by weights order by score_value asc) as ascending_rank,
        count(*) over (
            partition by weights order by score_value asc range between current row and current row
        ) as tied
    from weight_sets

),

separation as (

    select
        weights,
        max(as_of_date) as held_out_as_of_date,
        count(*) as held_out_customers,
        count(case when is_churned then 1 end) as held_out_churned,
        sum(case
            when is_churned
                then scored - (ascending_rank + tied - 1) + 1 + (tied - 1) / cast(2 as {{ type_double() }})
        end) as churned_rank_sum
    from ranked
    group by weights

),

weight_set_names as (

    select 'registry' as weights
    union all
    select 'learnt' as weights

),

measured as (

    select
        weight_set_names.weights,
        separation.held_out_as_of_date,
        coalesce(separation.held_out_customers, 0) as held_out_customers,
        coalesce(separation.held_out_churned, 0) as held_out_churned,
        {{ auc_from_ranks('separation.churned_rank_sum', 'separation.held_out_churned',
            'separation.held_out_customers - separation.held_out_churned') }} as held_out_auc,
        learnt_status.training_customer_dates,
        learnt_status.training_churned,
        learnt_status.has_learnt_weights
    from weight_set_names
    cross join learnt_status
    left join separation
        on weight_set_names.weights = separation.weights

),

decided as (

    select
        *,
        max(case when weights = 'registry' then held_out_auc end) over () as registry_auc,
        max(case when weights = 'learnt' then held_out_auc end) over () as learnt_auc
    from measured

),

choice as (

    select
        *,
        case
            {%- if mode == 'registry' %}
            when true then 'registry'
            {%- elif mode == 'learnt' %}
            when has_learnt_weights then 'learnt'
            {%- else %}
            when has_learnt_weights and learnt_auc > registry_auc then 'learnt'
            {%- endif %}
            else 'registry'
        end as applied_weights,
        case
            {%- if mode == 'registry' %}
            when true then 'engagement__weights is registry'
            {%- else %}
            when not has_learnt_weights then 'no learnt weights: too few churns on the training dates'
            {%- if mode == 'learnt' %}
            when true then 'engagement__weights is learnt'
            {%- else %}
            when learnt_auc is null or registry_auc is null then 'no held-out AUC to compare'
            when learnt_auc > registry_auc then 'learnt weights beat the registry on the held-out date'
            else 'learnt weights do not beat the registry on the held-out date'
            {%- endif %}
            {%- endif %}
        end as applied_reason
    from decided

),

final as (

    select
        weights,
        held_out_as_of_date,
        held_out_customers,
        held_out_churned,
        held_out_auc,
        training_customer_dates,
        training_churned,
        has_learnt_weights,
        '{{ mode }}' as weights_setting,
        weights = applied_weights as is_applied,
        applied_reason
    from choice

)

select * from final
