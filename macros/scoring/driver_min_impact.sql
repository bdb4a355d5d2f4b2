{#-
    The smallest impact, in points, for which an indicator is named as a driver
    (dim_customer_engagement.top_driver_*) or a mover
    (int_customer_score_movers): var engagement__driver_min_impact_points
    (default 0.5), checked to be a number of points >= 0.
-#}
{% macro driver_min_impact_points() -%}
    {%- set points = var('engagement__driver_min_impact_points', 0.5) -%}
    {%- if points is not number or points < 0 -%}
        {{ exceptions.raise_compiler_error("engagement__driver_min_impact_points must be a number of points >= 0, not '"
            ~ points ~ "'") }}
    {%- endif -%}
    {{ return(points) }}
{%- endmacro %}
