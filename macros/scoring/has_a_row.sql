{#-
    A scalar subquery: 1 when `relation` has a row, else 0. It reads at most one
    row, so a large view (the usage events) is not computed whole to learn that
    it is not empty.
-#}
{% macro has_a_row(relation) -%}
    (select count(*) from (select 1 as any_row from {{ relation }} limit 1) as sampled)
{%- endmacro %}
