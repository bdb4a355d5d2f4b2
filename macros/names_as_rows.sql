{#-
    A list of names (known when the SQL is compiled) as the rows of a
    one-column select `listed_name`; no rows for an empty list.
-#}
{% macro names_as_rows(names) -%}
    {%- for name in names %}
    select '{{ name }}' as listed_name
    {% if not loop.last %}union all{% endif %}
    {%- else %}
    select cast(null as {{ dbt.type_string() }}) as listed_name where 1 = 0
    {%- endfor %}
{%- endmacro %}
