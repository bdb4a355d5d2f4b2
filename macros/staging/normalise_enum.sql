{#- Enum spelling: 'Mid-Market', ' SMB ', 'mid market' all become 'mid_market' / 'smb'. -#}
{% macro normalise_enum(column) -%}
    replace(replace(lower(trim({{ column }})), ' ', '_'), '-', '_')
{%- endmacro %}
