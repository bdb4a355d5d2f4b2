-- Product usage (lower is better): releases behind the latest, averaged over the
-- modules the customer has reported a version for. For each module, the version
-- is the one last reported by the as-of date; "behind" counts the module's
-- releases after that version and on or before the as-of date.
-- Null for customers that never reported a version.
with population as (

    {{ indicator_population(ref('int_scoring_population'), ref('int_scoring_as_of_dates')) }}

),

releases as (

    select * from {{ ref('stg_crm__product_releases') }}

),

deployments as (

    select * from {{ ref('stg_crm__deployments') }}

),

reports as (

    select
        population.as_of_date,
        population.account_id,
        deployments.product_module,
        deployments.version,
        row_number() over (
            partition by population.as_of_date, population.account_id, deployments.product_module
            order by deployments.reported_at desc, deployments.version desc
        ) as recency_rank
    from population
    inner join deployments
        on
            population.account_id = deployments.account_id
            and {{ to_date('deployments.reported_at') }} <= population.as_of_date

),

current_versions as (

    select
        reports.as_of_date,
        reports.account_id,
        reports.product_module,
        releases.released_on as version_released_on
    from reports
    inner join releases
        on
            reports.product_module = releases.product_module
            and reports.version = releases.version
    where reports.recency_rank = 1

),

releases_behind as (

    select
        current_versions.as_of_date,
        current_versions.account_id,
        current_versions.product_module,
        count(newer.version) as releases_behind
    from current_versions
    left join releases as newer
        on
            current_versions.product_module = newer.product_module
            and current_versions.version_released_on < newer.released_on
            and current_versions.as_of_date >= newer.released_on
    group by current_versions.as_of_date, current_versions.account_id, current_versions.product_module

),

per_customer as (

    select
        as_of_date,
        account_id,
        avg(cast(releases_behind as {{ type_double() }})) as releases_behind,
        count(*) as modules_reported
    from releases_behind
    group by as_of_date, account_id

),

final as (

    select
        {{ indicator_columns('population', 'per_customer.releases_behind', 'coalesce(per_customer.modules_reported, 0)') }}
    from population
    left join per_customer
        on
            population.as_of_date = per_customer.as_of_date
            and population.account_id = per_customer.account_id

)

select * from final
