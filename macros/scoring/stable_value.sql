{#-
    A number rounded to the project's comparison precision, 9 decimal places
    (docs/scoring.md, "Same data, same scores"). Floating-point sums depend on
    the order of their terms, which differs between runs (thread scheduling)
    and engines: two customers whose raw values are equal in exact arithmetic
    can come out 1e-16 apart, and a ranking would tell them apart. Raw
    indicator values are stored rounded, and scores are rounded wherever they
    are compared (bands, alerts, top drivers), so equal stays equal.
-#}
{% macro stable_value(expression) -%}
    {{ round_double(expression, 9) }}
{%- endmacro %}
