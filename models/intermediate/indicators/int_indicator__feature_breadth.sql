-- Product usage: how many distinct features the customer uses, each feature
-- counted with the recency weight of its latest use (a feature used today
-- counts 1, one last used a half-life ago counts 0.5).
-- Feature use comes folded per period from int_usage_activity_bucketed.
with population as (

    {{ indicator_population(ref('int_scoring_population'), ref('int_scoring_as_of_dates')) }}

),

settings as (

    {{ indicator_registry_row(ref('int_indicator_registry')) }}

),

feature_buckets as (

    -- the usage buckets' feature use, summed over users: one bucket per customer, feature and period
    select
        account_id,
        feature_name,
        bucket_end,
        sum(feature_uses) as uses,
        max(last_used_on) as last_used_on
    from {{ ref('int_usage_activity_bucketed') }}
    where feature_uses > 0
    group by account_id, feature_name, bucket_end

),

latest_use_per_feature as (

    select
        population.as_of_date,
        population.account_id,
        features.feature_name,
        sum(features.uses) as uses,
        max(features.last_used_on) as last_used_on
    from population
    inner join feature_buckets as features
        on
            population.account_id = features.account_id
            and population.as_of_date >= features.bucket_end
    group by population.as_of_date, population.account_id, features.feature_name

),

breadth as (

    select
        latest_use_per_feature.as_of_date,
        latest_use_per_feature.account_id,
        sum(latest_use_per_feature.uses) as uses,
        sum(
            {{ recency_weight('latest_use_per_feature.last_used_on', 'latest_use_per_feature.as_of_date',
                'settings.half_life_days') }}
        ) as weighted_features
    from latest_use_per_feature
    cross join settings
    group by latest_use_per_feature.as_of_date, latest_use_per_feature.account_id

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
