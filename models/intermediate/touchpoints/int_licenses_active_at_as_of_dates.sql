-- The licenses each scored customer holds at each as-of date: started on or
-- before it and not ended before it (an open end means active). Read by the
-- indicators that count seats (logins_per_seat) and modules (modules_licensed).
with population as (

    select * from {{ ref('int_scoring_population') }}

),

licenses as (

    select * from {{ ref('stg_crm__licenses') }}

),

final as (

    select
        population.as_of_date,
        population.account_id,
        licenses.license_id,
        licenses.product_module,
        licenses.seats,
        licenses.starts_on,
        licenses.ends_on
    from population
    inner join licenses
        on
            population.account_id = licenses.account_id
            and population.as_of_date >= licenses.starts_on
            and (licenses.ends_on is null or population.as_of_date <= licenses.ends_on)

)

select * from final
