{#-
    `expression` (a double) rounded to `decimals` decimal places, as a double.
    Postgres has round(numeric, int) only, so it rounds through numeric.
-#}
{% macro round_double(expression, decimals) -%}
    {{ return(adapter.dispatch('round_double', 'engagement')(expression, decimals)) }}
{%- endmacro %}

{% macro default__round_double(expression, decimals) -%}
    round({{ expression }}, {{ decimals }})
{%- endmacro %}

{% macro postgres__round_double(expression, decimals) -%}
    cast(round(cast({{ expression }} as numeric), {{ decimals }}) as {{ type_double() }})
{%- endmacro %}
