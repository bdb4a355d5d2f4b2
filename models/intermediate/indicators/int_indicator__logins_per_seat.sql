-- Product usage: recency-weighted logins per licensed seat.
-- Seats are the largest seat count among the customer's active licenses, as
-- modules share their users. Null (-> registry's when_missing) without seats.
-- Logins come pre-weighted per period from int_usage_activity_bucketed.
with population as (

    {{ indicator_population(ref('int_scoring_population'), ref('int_scoring_as_of_dates')) }}

),

settings as (

    {{ indicator_registry_row(ref('int_indicator_registry')) }}

),

login_buckets as (

    -- the usage buckets' logins, summed over users: one bucket per customer and period
    select
        account_id,
        period_start,
        bucket_end,
        sum(logins) as touchpoint_count,
        sum(weighted_logins) as weighted_logins
    from {{ ref('int_usage_activity_bucketed') }}
    where logins > 0
    group by account_id, period_start, bucket_end

),

active_licenses as (

    select * from {{ ref('int_licenses_active_at_as_of_dates') }}

),

weighted_logins as (

    {{ decayed_from_buckets('population', 'login_buckets', 'settings', ['weighted_logins']) }}

),

seats as (

    select
        as_of_date,
        account_id,
        max(seats) as licensed_seats
    from active_licenses
    group by as_of_date, account_id

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
