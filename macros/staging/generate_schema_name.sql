{#-
    dbt's own schema naming (<target schema>_<custom schema>), with one change:
    a snapshot built from the demo data goes to its own schema, demo_<schema>
    (e.g. main_demo_snapshots), so that a history never holds demo accounts
    beside the user's: switching from the demo to your data starts your history
    in <target schema>_snapshots, untouched by the demo's (and back).
    Only a root project's generate_schema_name is used: installed as a package
    (where the demo is off unless engagement__demo_data is set), the host's naming
    applies.
-#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- set schema_name = custom_schema_name -%}
    {%- if node is not none and node.resource_type == 'snapshot' and schema_name is not none
        and reads_demo_data() -%}
        {%- set schema_name = 'demo_' ~ schema_name | trim -%}
    {%- endif -%}
    {{ default__generate_schema_name(schema_name, node) }}
{%- endmacro %}
