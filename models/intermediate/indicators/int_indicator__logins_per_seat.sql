-- Product usage: recency-weighted logins per licensed seat.
-- Seats are the largest seat count among the customer's active licenses, as
-- modules share their users. Null (-> registry's when_missing) without seats.
-- Logins come pre-weighted per period from int_usage_logins_bucketed.
with population as (

    select * from {{ ref('int_scoring_population') }}
    where {{ as_of_dates_to_refresh('as_of_date') }}

),

weighted_logins as (

    {{ decayed_from_buckets('population', ref('int_usage_logins_bucketed'),
        indicator_half_life(this_indicator()), ['weighted_logins']) }}

),

seats as (

    select
        population.as_of_date,
        population.account_id,
        max(licenses.seats) as licensed_seats
    from population
    inner join {{ ref('int_crm__licenses_referenced') }} as licenses
        on
            population.account_id = licenses.account_id
            and population.as_of_date >= licenses.starts_on
            and (licenses.ends_on is null or population.as_of_date <= licenses.ends_on)
    group by population.as_of_date, population.account_id

),

final as (

    select
        {{ indicator_columns('weighted_logins', 'weighted_logins.weighted_logins / nullif(seats.licensed_seats, 0)',
            'weighted_logins.touchpoint_count', 'weighted_logins.weighted_logins') }}
    from weighted_logins
    left join seats
        on
            weighted_logins.as_of_date = seats.as_of_date
            and weighted_logins.account_id = seats.account_id

)

select * from final
