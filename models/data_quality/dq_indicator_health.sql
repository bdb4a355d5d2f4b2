-- Per indicator and as-of date: whether it carried information, and why not
-- (int_indicator_health). An indicator whose status is not `ok` took no part in
-- any score at that date; the test assert_indicators_carry_information names
-- the current ones when `dbt build` runs.
with health as (

    select * from {{ ref('int_indicator_health') }}

),

as_of_dates as (

    select * from {{ ref('int_scoring_as_of_dates') }}

),

final as (

    select
        health.as_of_date,
        health.indicator,
        as_of_dates.period_index,
        as_of_dates.is_current,
        health.status,
        health.carries_information,
        health.customers_scored,
        health.customers_with_data,
        health.distinct_values,
        health.distinct_scores,
        health.customers_imputed,
        health.customers_at_zero,
        health.share_at_zero,
        health.min_value,
        health.max_value,
        health.inputs_have_rows,
        health.empty_inputs
    from health
    inner join as_of_dates
        on health.as_of_date = as_of_dates.as_of_date

)

select * from final
