-- Product usage: active-user ratio, the distinct users who logged in or used a
-- feature in the 30 days up to the as-of date, over the licensed seats (the
-- largest seat count among the licenses in force, as modules share their
-- users). Above 1 when more people use it than are licensed. Null without
-- seats (-> the registry's when_missing).
{%- set window_days = 30 %}
{#- an incremental run reads only the events inside the windows it recomputes -#}
{%- set recent_events = '1 = 1' %}
{%- if is_incremental() %}
    {%- set recent_events = 'occurred_at >= cast(' ~ dbt.dateadd('day', -window_days, incremental_lookback_start(ref('int_scoring_as_of_dates')))
        ~ ' as ' ~ dbt.type_timestamp() ~ ')' %}
{%- endif %}

with population as (

    {{ indicator_population(ref('int_scoring_population'), ref('int_scoring_as_of_dates')) }}

),

usage_events as (

    select
        account_id,
        user_id,
        {{ to_date('occurred_at') }} as occurred_on
    from {{ ref('stg_product__usage_events') }}
    where user_id is not null and {{ recent_events }}

),

active_users as (

    select
        population.as_of_date,
        population.account_id,
        count(distinct usage_events.user_id) as active_users
    from population
    inner join usage_events
        on
            population.account_id = usage_events.account_id
            and population.as_of_date >= usage_events.occurred_on
            and population.as_of_date < cast({{ dbt.dateadd('day', window_days, 'usage_events.occurred_on') }} as date)
    group by population.as_of_date, population.account_id

),

seats as (

    select
        population.as_of_date,
        population.account_id,
        max(licenses.seats) as licensed_seats
    from population
    inner join {{ ref('stg_crm__licenses') }} as licenses
        on
            population.account_id = licenses.account_id
            and population.as_of_date >= licenses.starts_on
            and (licenses.ends_on is null or population.as_of_date <= licenses.ends_on)
    group by population.as_of_date, population.account_id

),

final as (

    select
        {{ indicator_columns('population',
            'coalesce(active_users.active_users, 0) / nullif(cast(seats.licensed_seats as ' ~ type_double() ~ '), 0)',
            'coalesce(active_users.active_users, 0)') }}
    from population
    left join active_users
        on
            population.as_of_date = active_users.as_of_date
            and population.account_id = active_users.account_id
    left join seats
        on
            population.as_of_date = seats.as_of_date
            and population.account_id = seats.account_id

)

select * from final
