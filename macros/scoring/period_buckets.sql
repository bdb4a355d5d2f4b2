{#-
    Touchpoints folded into one bucket per customer and history period, so that
    the big event tables are read and weighted once, not once per as-of date.
    The recency weight factorises over a bucket ending on day e:
        0.5 ^ ((T - t) / h) = 0.5 ^ ((T - e) / h) * 0.5 ^ ((e - t) / h)
    so a bucket stores sum(0.5 ^ ((e - t) / h) * x) for each measure x, and the
    weighted sum as of any T >= e is that times 0.5 ^ ((T - e) / h)
    (decayed_from_buckets). Buckets follow engagement__history_grain; the bucket
    of the as-of date's own period ends on the as-of date, so every as-of date
    (a period end, or T) is the end of a bucket. Touchpoints after T are left out.
-#}

{#- First day of the history period containing a date. -#}
{% macro period_start_of(date_expression) -%}
    cast({{ dbt.date_trunc(var('engagement__history_grain'), date_expression) }} as date)
{%- endmacro %}


{#-
    Select of buckets from `touchpoints` (a CTE with account_id and a date
    column): one row per account_id (and each column of `keys`) and history
    period, with period_start, bucket_end and, for each name -> aggregate
    expression of `aggregates`, that aggregate over the bucket's touchpoints.
    Touchpoints after the as-of date are left out. `as_of` is a CTE with the
    single column as_of_date (T); `settings`, if given, a one-row CTE the
    aggregates may read (an indicator's registry row).
-#}
{% macro period_buckets(touchpoints, date_column, aggregates, keys=[], as_of='as_of', settings=none) %}
    select
        touchpoints.account_id,
        {%- for key in keys %}
        touchpoints.{{ key }},
        {%- endfor %}
        {{ period_start_of('touchpoints.' ~ date_column) }} as period_start,
        {{ bucket_end_of('touchpoints.' ~ date_column, 'as_of.as_of_date') }} as bucket_end,
        {%- for name, expression in aggregates.items() %}
        {{ expression }} as {{ name }}{{ "," if not loop.last }}
        {%- endfor %}
    from {{ touchpoints }} as touchpoints
    cross join {{ as_of }} as as_of
    {%- if settings %}
    cross join {{ settings }} as settings
    {%- endif %}
    where touchpoints.{{ date_column }} <= as_of.as_of_date
    group by {% for position in range(1, keys | length + 4) %}{{ position }}{{ ", " if not loop.last }}{% endfor %}
{% endmacro %}


{#-
    Buckets of recency-weighted touchpoints (period_buckets): touchpoint_count,
    for each name -> expression in `measures` the sum of expression weighted to
    bucket_end with the half-life in `settings` (a one-row CTE with the
    indicator's half_life_days, from int_indicator_registry), and that half-life.
-#}
{% macro touchpoint_period_buckets(touchpoints, date_column, settings, measures, as_of='as_of') %}
    {%- set bucket_end = bucket_end_of('touchpoints.' ~ date_column, 'as_of.as_of_date') -%}
    {%- set aggregates = {'touchpoint_count': 'count(*)'} -%}
    {%- for name, expression in measures.items() -%}
        {%- do aggregates.update({name: 'sum(\n            '
            ~ recency_weight('touchpoints.' ~ date_column, bucket_end, 'settings.half_life_days')
            ~ ' * (' ~ expression ~ ')\n        )'}) -%}
    {%- endfor -%}
    {%- do aggregates.update({'half_life_days': 'cast(max(settings.half_life_days) as ' ~ type_double() ~ ')'}) -%}
    {{ period_buckets(touchpoints, date_column, aggregates, as_of=as_of, settings=settings) }}
{% endmacro %}


{#-
    The end of the bucket a touchpoint on `date_expression` falls in: the last
    day of its history period, or the as-of date `as_of_date` for the as-of
    date's own period.
-#}
{% macro bucket_end_of(date_expression, as_of_date) -%}
    {%- set grain = var('engagement__history_grain') -%}
    least(
        cast({{ dbt.dateadd('day', -1, dbt.dateadd(grain, 1, dbt.date_trunc(grain, date_expression))) }} as date),
        {{ as_of_date }}
    )
{%- endmacro %}


{#-
    One row per customer and as-of date of `population` (a CTE of
    int_scoring_population rows) with each measure of `buckets` (a CTE of bucket
    rows) decayed to the as-of date with the half-life in `settings` and summed
    over the buckets ending on or before it, and the touchpoint count behind
    them. Customers without buckets get 0 counts and 0 sums.
-#}
{% macro decayed_from_buckets(population, buckets, settings, measures) %}
    select
        population.as_of_date,
        population.account_id,
        coalesce(sum(buckets.touchpoint_count), 0) as touchpoint_count,
        {%- for name in measures %}
        coalesce(sum(
            buckets.{{ name }}
            * {{ recency_weight('buckets.bucket_end', 'population.as_of_date', 'settings.half_life_days') }}
        ), 0) as {{ name }}{{ "," if not loop.last }}
        {%- endfor %}
    from {{ population }} as population
    cross join {{ settings }} as settings
    left join {{ buckets }} as buckets
        on
            population.account_id = buckets.account_id
            and population.as_of_date >= buckets.bucket_end
    group by population.as_of_date, population.account_id
{% endmacro %}
