-- Incremental state is only valid for the settings it was built with. Fails when
-- a bucket was weighted with another half-life than the registry's, or ends after
-- the as-of date (the as-of date moved back): run `dbt build --full-refresh`.
with as_of as (

    select max(as_of_date) as as_of_date from {{ ref('int_scoring_as_of_dates') }}

),

{% set bucketed = [
    ('int_usage_logins_bucketed', 'logins_per_seat'),
    ('int_email_events_bucketed', 'email_engagement'),
] %}
problems as (

    {% for model_name, indicator in bucketed %}
    select
        '{{ model_name }}' as model_name,
        'half-life differs from the registry' as problem,
        count(*) as buckets
    from {{ ref(model_name) }}
    where half_life_days <> {{ indicator_half_life(indicator) }}
    union all
    select
        '{{ model_name }}' as model_name,
        'bucket ends after the as-of date' as problem,
        count(*) as buckets
    from {{ ref(model_name) }}
    where bucket_end > (select as_of.as_of_date from as_of)
    union all
    {% endfor %}
    select
        'int_usage_features_bucketed' as model_name,
        'bucket ends after the as-of date' as problem,
        count(*) as buckets
    from {{ ref('int_usage_features_bucketed') }}
    where bucket_end > (select as_of.as_of_date from as_of)

)

select * from problems
where buckets > 0
