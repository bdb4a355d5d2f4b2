-- One row per day: the day-grain time spine the semantic layer needs
-- (MetricFlow joins metrics to it). Portable: dbt's own date_spine macro
-- (macros/cross_db/day_spine.sql; Spark's sequence() there).
with days as (

    {{ day_spine('2000-01-01', '2041-01-01') }}

),

final as (

    select cast(days.date_day as date) as date_day
    from days

)

select * from final
