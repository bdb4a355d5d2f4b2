{#-
    Recency weight of a touchpoint on `event_date` seen from `as_of_date`:
        0.5 ^ (age_days / half_life_days)
    so a touchpoint one half-life old counts half as much as one on the as-of
    date. Touchpoints after the as-of date weigh 0. Age is in whole days.
    `half_life_days` may be a number or a SQL expression.
-#}
{% macro recency_weight(event_date, as_of_date, half_life_days) -%}
    {{ return(adapter.dispatch('recency_weight', 'engagement')(event_date, as_of_date, half_life_days)) }}
{%- endmacro %}

{% macro default__recency_weight(event_date, as_of_date, half_life_days) -%}
    case
        when {{ event_date }} > {{ as_of_date }} then 0
        else power(
            cast(0.5 as {{ type_double() }}),
            cast({{ dbt.datediff(event_date, as_of_date, 'day') }} as {{ type_double() }})
            / cast({{ half_life_days }} as {{ type_double() }})
        )
    end
{%- endmacro %}
