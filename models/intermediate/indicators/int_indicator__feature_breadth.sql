-- Product usage: how many distinct features the customer uses, each feature
-- counted with the recency weight of its latest use (a feature used today
-- counts 1, one last used a half-life ago counts 0.5).
with feature_uses as (

    select
        account_id,
        feature_name,
        {{ to_date('occurred_at') }} as occurred_on
    from {{ ref('stg_product__usage_events') }}
    where event_type = 'feature_use' and feature_name is not null

),

population as (

    select * from {{ ref('int_scoring_population') }}

),

latest_use_per_feature as (

    select
        population.as_of_date,
        population.account_id,
        feature_uses.feature_name,
        count(*) as uses,
        max(feature_uses.occurred_on) as last_used_on
    from population
    inner join feature_uses
        on
            population.account_id = feature_uses.account_id
            and population.as_of_date >= feature_uses.occurred_on
    group by population.as_of_date, population.account_id, feature_uses.feature_name

),

breadth as (

    select
        as_of_date,
        account_id,
        sum(uses) as uses,
        sum({{ recency_weight('last_used_on', 'as_of_date', indicator_half_life(this_indicator())) }}) as weighted_features
    from latest_use_per_feature
    group by as_of_date, account_id

),

final as (

    select
        {{ indicator_columns('population', 'coalesce(breadth.weighted_features, 0)',
            'coalesce(breadth.uses, 0)', 'coalesce(breadth.weighted_features, 0)') }}
    from population
    left join breadth
        on
            population.as_of_date = breadth.as_of_date
            and population.account_id = breadth.account_id

)

select * from final
