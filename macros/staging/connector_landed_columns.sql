{#-
    Mechanics the connector adapters share (models/staging/connectors/<connector>/):
    which columns a landed table really has, a column or a typed null when the
    connector did not land it (custom fields, columns added in later API
    versions), a connector's soft-delete markers, and picklist mappings.
    Connectors land columns that come and go with a company's configuration, so
    an adapter asks the warehouse what is there instead of failing on a
    missing optional column.
-#}

{#- The landed table's columns, lowercased name -> name as the warehouse spells it; none when the table is absent
    (nothing is looked up while dbt only parses the project, nor with engagement__check_raw_columns false, as
    sqlfluff's lint target sets: an empty map then). -#}
{% macro landed_columns(relation) %}
    {%- if not execute or not var('engagement__check_raw_columns') -%}
        {{ return({}) }}
    {%- endif -%}
    {%- set existing = load_relation(relation) -%}
    {%- if existing is none -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set found = {} -%}
    {%- for column in adapter.get_columns_in_relation(existing) -%}
        {%- do found.update({column.name | lower: column.name}) -%}
    {%- endfor -%}
    {{ return(found) }}
{% endmacro %}


{#- A landed table the adapter cannot do without: a clear error naming it and the variables that point at it. -#}
{% macro require_landed_table(columns, connector, table_name, relation) %}
    {%- if execute and columns is none -%}
        {{ exceptions.raise_compiler_error(
            "The " ~ connector ~ " connector's table `" ~ table_name ~ "` was not found at " ~ relation
            ~ ". Point `" ~ connector ~ "_schema` (and `" ~ connector ~ "_database`) at the schema your loader lands "
            ~ connector ~ " in, or name the table in `engagement__" ~ connector ~ "_table_names` "
            ~ "(docs/connectors.md)."
        ) }}
    {%- endif -%}
{% endmacro %}


{#- `<alias>.<column>` as text when the table has the column, else a text null (optional, custom or newer fields). -#}
{% macro landed_text(columns, column_name, alias) -%}
    {%- set name = (column_name or '') | lower -%}
    {%- if name and (columns or {}).get(name) -%}
        cast({{ alias }}.{{ columns[name] }} as {{ dbt.type_string() }})
    {%- else -%}
        cast(null as {{ dbt.type_string() }})
    {%- endif -%}
{%- endmacro %}


{#- Whether a landed boolean is true, whether it landed typed or as text ('true', 't', '1'); false when absent. -#}
{% macro landed_is_true(columns, column_name, alias) -%}
    {%- set name = column_name | lower -%}
    {%- if (columns or {}).get(name) -%}
        coalesce(lower(cast({{ alias }}.{{ columns[name] }} as {{ dbt.type_string() }})) in ('true', 't', '1'), false)
    {%- else -%}
        false
    {%- endif -%}
{%- endmacro %}


{#-
    `when` branches (a list, for first_of) rejecting a row the connector marks
    deleted: Fivetran's `_fivetran_deleted` (deleted in the source since the
    last sync) and the source's own `is_deleted` (Salesforce's recycle bin),
    whichever the table has, as `deleted_in_source: <what> is deleted (<column>)`.
    `what` is a list of text expressions naming the row, e.g. ["'salesforce Task '", 'task.id'].
-#}
{% macro landed_deleted_checks(columns, alias, what) %}
    {%- set branches = [] -%}
    {%- for marker in ['_fivetran_deleted', 'is_deleted'] if (columns or {}).get(marker) -%}
        {%- do branches.append('when ' ~ landed_is_true(columns, marker, alias) ~ ' then '
            ~ dbt.concat(["'deleted_in_source: '"] + what + ["' is deleted (" ~ marker ~ ")'"])) -%}
    {%- endfor -%}
    {{ return(branches) }}
{% endmacro %}


{#- A text literal for SQL, quotes doubled. -#}
{% macro sql_text_literal(value) -%}
    '{{ value | string | replace("'", "''") }}'
{%- endmacro %}


{#-
    The contract value of a picklist label through a mapping (label -> contract
    value, a project variable): labels match trimmed and case-insensitively;
    an unmapped label yields null (never a guess).
-#}
{% macro picklist_value(expression, mapping) -%}
    {%- if mapping -%}
        case lower(trim({{ expression }}))
        {%- for label, value in mapping.items() %}
            when {{ sql_text_literal(label | string | trim | lower) }} then {{ sql_text_literal(value) }}
        {%- endfor %}
        end
    {%- else -%}
        cast(null as {{ dbt.type_string() }})
    {%- endif -%}
{%- endmacro %}


{#-
    `when` branch naming a picklist label the mapping does not know, as
    `unmapped_value: <what> = '<label>' has no <contract column> mapping (<variable>)`;
    `what` is a list of text expressions naming the row and field.
    A blank or null label is not unmapped (the base model's missing check names it).
-#}
{% macro picklist_unmapped_check(expression, mapping, what, contract_column, variable_name) -%}
    when nullif(trim({{ expression }}), '') is not null and {{ picklist_value(expression, mapping) }} is null
        then {{ dbt.concat(["'unmapped_value: '"] + what + ["' = '", 'chr(39)', 'substr(trim(' ~ expression ~ '), 1, 100)',
            'chr(39)', "' has no " ~ contract_column ~ " mapping (" ~ variable_name ~ ")'"]) }}
{%- endmacro %}


{#- An id as text for a reason or flag message; '(none)' when null, so the message itself is never null. -#}
{% macro id_text(expression) -%}
    coalesce(cast({{ expression }} as {{ dbt.type_string() }}), '(none)')
{%- endmacro %}
