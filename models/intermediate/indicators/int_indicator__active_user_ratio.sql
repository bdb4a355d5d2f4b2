-- Product usage: active-user ratio, the distinct users who logged in or used a
-- feature in the 30 days up to the as-of date, over the licensed seats (the
-- largest seat count among the licenses in force, as modules share their
-- users). Above 1 when more people use it than are licensed. Null without
-- seats (-> the registry's when_missing).
-- Each user's last activity per history period comes from int_usage_activity_bucketed.
-- Every as-of date T is the end of a bucket, so a user was active in the window
-- (T - 30, T] exactly when the last activity of a bucket ending in that window falls
-- inside it: a bucket ending on or before T - 30 holds nothing later, and one ending
-- after T starts after T.
{%- set window_days = 30 %}

with population as (

    {{ indicator_population(ref('int_scoring_population'), ref('int_scoring_as_of_dates')) }}

),

user_buckets as (

    -- the usage buckets' last activity per user: one row per customer, user and period
    select
        account_id,
        user_id,
        bucket_end,
        max(last_active_on) as last_active_on
    from {{ ref('int_usage_activity_bucketed') }}
    where user_id is not null
    group by account_id, user_id, bucket_end

),

active_users as (

    select
        population.as_of_date,
        population.account_id,
        count(distinct user_buckets.user_id) as active_users
    from population
    inner join user_buckets
        on
            population.account_id = user_buckets.account_id
            and population.as_of_date >= user_buckets.bucket_end
            and population.as_of_date < cast({{ dbt.dateadd('day', window_days, 'user_buckets.bucket_end') }} as date)
    where population.as_of_date < cast({{ dbt.dateadd('day', window_days, 'user_buckets.last_active_on') }} as date)
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
