-- Incremental state is only valid for the settings it was built with. Fails when
-- a bucket was weighted with another half-life than the registry's, or ends after
-- the as-of date (the as-of date moved back): run `dbt build --full-refresh`.
{#- each bucketed model, with the indicator whose half-life weighted it -#}
{% set bucketed = [
    (ref('int_usage_activity_bucketed'), 'logins_per_seat'),
    (ref('int_email_events_bucketed'), 'email_engagement'),
] %}

with as_of as (

    select max(as_of_date) as as_of_date from {{ ref('int_scoring_as_of_dates') }}

),

registry as (

    select * from {{ ref('int_indicator_registry') }}

),

problems as (

    {% for buckets, indicator in bucketed %}
    select
        '{{ buckets.identifier }}' as model_name,
        'half-life differs from the registry' as problem,
        count(*) as buckets
    from {{ buckets }} as buckets
    left join registry
        on registry.indicator = '{{ indicator }}'
    where registry.half_life_days is null or buckets.half_life_days <> registry.half_life_days
    union all
    select
        '{{ buckets.identifier }}' as model_name,
        'bucket ends after the as-of date' as problem,
        count(*) as buckets
    from {{ buckets }}
    where bucket_end > (select as_of.as_of_date from as_of)
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

)

select * from problems
where buckets > 0
