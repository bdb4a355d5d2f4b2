-- Product usage (lower is better): days from the customer's last login to the
-- as-of date. Null (-> the registry's when_missing) for a customer nobody from
-- has ever logged in.
-- The last login per history period is kept first, so each as-of date takes the
-- latest of the whole periods before its own, or of its own period's logins up
-- to the as-of date.
with population as (

    {{ indicator_population(ref('int_scoring_population'), ref('int_scoring_as_of_dates')) }}

),

logins as (

    select
        account_id,
        {{ to_date('occurred_at') }} as occurred_on
    from {{ ref('stg_product__usage_events') }}
    where event_type = 'login'

),

last_login_by_period as (

    select
        account_id,
        {{ period_start_of('occurred_on') }} as period_start,
        max(occurred_on) as last_login_on,
        count(*) as logins
    from logins
    group by account_id, {{ period_start_of('occurred_on') }}

),

logins_up_to_as_of_date as (

    -- whole periods before the as-of date's period, then that period's logins up to the as-of date
    select
        population.as_of_date,
        population.account_id,
        last_login_by_period.last_login_on,
        last_login_by_period.logins
    from population
    inner join last_login_by_period
        on
            population.account_id = last_login_by_period.account_id
            and {{ period_start_of('population.as_of_date') }} > last_login_by_period.period_start
    union all
    select
        population.as_of_date,
        population.account_id,
        logins.occurred_on as last_login_on,
        1 as logins
    from population
    inner join logins
        on
            population.account_id = logins.account_id
            and {{ period_start_of('population.as_of_date') }} = {{ period_start_of('logins.occurred_on') }}
            and population.as_of_date >= logins.occurred_on

),

last_login as (

    select
        population.as_of_date,
        population.account_id,
        max(logins_up_to_as_of_date.last_login_on) as last_login_on,
        coalesce(sum(logins_up_to_as_of_date.logins), 0) as logins
    from population
    left join logins_up_to_as_of_date
        on
            population.as_of_date = logins_up_to_as_of_date.as_of_date
            and population.account_id = logins_up_to_as_of_date.account_id
    group by population.as_of_date, population.account_id

),

final as (

    select
        {{ indicator_columns('last_login',
            dbt.datediff('last_login.last_login_on', 'last_login.as_of_date', 'day'), 'last_login.logins') }}
    from last_login

)

select * from final
