{#-
    The indicator outline (docs/architecture.md, "The indicator outline"):
    population -> settings -> the indicator's own steps -> final. An indicator
    model writes only its own steps and passes its refs (int_scoring_population,
    int_scoring_as_of_dates, int_indicator_registry) to these macros, so every
    ref stays in the model that depends on it.
-#}

{#-
    The customers and as-of dates an indicator is computed for: every row of
    int_scoring_population on a full build, the recent as-of dates on an
    incremental run. The body of the model's `population` CTE.
-#}
{% macro indicator_population(population, as_of_dates) -%}
    select * from {{ population }}
    where {{ as_of_dates_to_refresh('as_of_date', as_of_dates) }}
{%- endmacro %}


{#-
    The model's own row of int_indicator_registry (its half-life): the body of
    the model's one-row `settings` CTE.
-#}
{% macro indicator_registry_row(registry) -%}
    select * from {{ registry }}
    where indicator = '{{ this_indicator() }}'
{%- endmacro %}


{#-
    The rest of a touchpoint indicator after its `touchpoints` CTE (account_id,
    a date column, and for `mean` and `sum` the value): the CTEs population,
    settings, weighted (weighted_touchpoints) and final (indicator_columns), and
    the closing select. The raw value by `aggregate`:
      count  the recency-weighted number of touchpoints (0 without any);
      mean   the recency-weighted average of `value` (null without touchpoints);
      sum    the recency-weighted sum of `value` (0 without touchpoints).
    `value` may use the aliases population and touchpoints; by default the
    touchpoints' touch_value (1 for count).
-#}
{% macro touchpoint_indicator(touchpoints, aggregate, population, as_of_dates, registry,
    date_column='touched_on', value=none) -%}
    {%- set raw_values = {
        'count': 'weighted_count',
        'mean': 'weighted_value / nullif(weighted_count, 0)',
        'sum': 'coalesce(weighted_value, 0)',
    } -%}
    {%- if aggregate not in raw_values -%}
        {{ exceptions.raise_compiler_error(
            "touchpoint_indicator: aggregate '" ~ aggregate ~ "' of " ~ this_indicator()
            ~ " is none of count, mean, sum") }}
    {%- endif -%}
    {%- if value is none -%}
        {%- set value = '1' if aggregate == 'count' else 'touchpoints.touch_value' -%}
    {%- endif -%}
population as (

    {{ indicator_population(population, as_of_dates) }}

),

settings as (

    {{ indicator_registry_row(registry) }}

),

weighted as (

    {{ weighted_touchpoints('population', touchpoints, date_column, 'settings', value) }}

),

final as (

    select
        {{ indicator_columns('weighted', raw_values[aggregate], 'touchpoint_count', 'weighted_count') }}
    from weighted

)

select * from final
{%- endmacro %}
