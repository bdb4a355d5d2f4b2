-- Product usage (spend): share of the product catalogue the customer licenses at
-- the as-of date (distinct active modules / modules released by then), 0 to 1.
-- Without a release catalogue (product_releases empty) the catalogue is every
-- module any customer has licensed by then (docs/scoring.md).
with population as (

    {{ indicator_population(ref('int_scoring_population'), ref('int_scoring_as_of_dates')) }}

),

as_of_dates as (

    select * from {{ ref('int_scoring_as_of_dates') }}

),

active_licenses as (

    select * from {{ ref('int_licenses_active_at_as_of_dates') }}

),

releases as (

    select * from {{ ref('stg_crm__product_releases') }}

),

released_modules as (

    select
        as_of_dates.as_of_date,
        count(distinct releases.product_module) as catalogue_modules
    from as_of_dates
    inner join releases
        on as_of_dates.as_of_date >= releases.released_on
    group by as_of_dates.as_of_date

),

licensed_anywhere as (

    -- the fallback catalogue: modules licensed by any customer by the as-of date
    select
        as_of_dates.as_of_date,
        count(distinct licenses.product_module) as catalogue_modules
    from as_of_dates
    inner join {{ ref('stg_crm__licenses') }} as licenses
        on as_of_dates.as_of_date >= licenses.starts_on
    where not exists (select 1 from releases)
    group by as_of_dates.as_of_date

),

catalogue as (

    select * from released_modules
    union all
    select * from licensed_anywhere

),

licensed as (

    select
        as_of_date,
        account_id,
        count(distinct product_module) as licensed_modules
    from active_licenses
    group by as_of_date, account_id

),

final as (

    select
        {{ indicator_columns('population',
            'cast(coalesce(licensed.licensed_modules, 0) as ' ~ type_double() ~ ')'
                ~ ' / nullif(catalogue.catalogue_modules, 0)',
            'coalesce(licensed.licensed_modules, 0)') }}
    from population
    left join catalogue
        on population.as_of_date = catalogue.as_of_date
    left join licensed
        on
            population.as_of_date = licensed.as_of_date
            and population.account_id = licensed.account_id

)

select * from final
