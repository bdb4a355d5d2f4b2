-- One row per day: the day-grain time spine the semantic layer needs
-- (MetricFlow joins metrics to it). Portable: dbt's own date_spine macro.
with days as (

    {{ dbt.date_spine(
        datepart='day',
        start_date="cast('2000-01-01' as date)",
        end_date="cast('2041-01-01' as date)",
    ) }}

),

final as (

    select cast(days.date_day as date) as date_day
    from days

)

select * from final
