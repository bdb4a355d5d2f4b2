{#- Enum spelling: 'Mid-Market', ' SMB ', 'mid market' all become 'mid_market' / 'smb'. -#}
{% macro normalize_enum(column) -%}
    replace(replace(lower(trim({{ column }})), ' ', '_'), '-', '_')
{%- endmacro %}
