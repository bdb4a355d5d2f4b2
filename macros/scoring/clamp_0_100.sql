{#- An expression clamped to 0-100 (a score against float rounding or a scale's overshoot). -#}
{% macro clamp_0_100(expression) -%}
    case
        when {{ expression }} < 0 then 0
        when {{ expression }} > 100 then 100
        else {{ expression }}
    end
{%- endmacro %}
