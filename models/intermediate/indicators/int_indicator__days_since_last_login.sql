-- Product usage (lower is better): days from the customer's last login to the
-- as-of date. Null (-> the registry's when_missing) for a customer nobody from
-- has ever logged in.
-- The last login per history period comes from int_usage_activity_bucketed: every
-- as-of date is the end of a bucket (the bucket of its own period ends on it), so
-- the buckets ending on or before it hold exactly its logins up to that day.
with population as (

    {{ indicator_population(ref('int_scoring_population'), ref('int_scoring_as_of_dates')) }}

),

login_buckets as (

    -- the usage buckets' logins, summed over users: one bucket per customer and period
    select
        account_id,
        bucket_end,
        max(last_login_on) as last_login_on,
        sum(logins) as logins
    from {{ ref('int_usage_activity_bucketed') }}
    where logins > 0
    group by account_id, bucket_end

),

last_login as (

    select
        population.as_of_date,
        population.account_id,
        max(login_buckets.last_login_on) as last_login_on,
        coalesce(sum(login_buckets.logins), 0) as logins
    from population
    left join login_buckets
        on
            population.account_id = login_buckets.account_id
            and population.as_of_date >= login_buckets.bucket_end
    group by population.as_of_date, population.account_id

),

final as (

    select
        {{ indicator_columns('last_login',
            dbt.datediff('last_login.last_login_on', 'last_login.as_of_date', 'day'), 'last_login.logins') }}
    from last_login

)

select * from final
