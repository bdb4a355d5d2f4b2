{#-
    The one place staging reads a raw table. Returns a select of every column
    the raw contract declares (models/staging/<source>/_<source>__sources.yml),
    cast to its contract type:
      - a required column (meta.required) missing from the table fails the
        build, naming the table and the column;
      - an optional column missing from the table becomes a typed null, so a
        loader that leaves it out still builds;
      - extra columns in the table are ignored.
    Casts are safe casts: a value that cannot be read becomes null, and the
    staging model's checks then reject the row with a reason instead of the
    whole build stopping on one bad value.
    When the source reads the shipped demo data, the demo seed is made an
    upstream node, so `dbt build` loads it before staging reads it.
    A source switched off with `engagement__using_<source>: false` reads
    nothing (macros/staging/source_switches.sql).
-#}
{% macro select_raw_source(source_name, table_name) %}
    {%- set relation = source(source_name, table_name) -%}
    {%- if var(source_name ~ '_schema') == '' -%}
        {%- do ref(table_name) -%}
    {%- endif -%}
    {%- if model.resource_type == 'unit_test' -%}
        {#- a unit test mocks the source with the contract's columns already; the graph has no sources then -#}
        select * from {{ relation }}
    {%- elif not source_is_used(source_name) -%}
        {#- switched off (engagement__using_<source>: false): zero typed rows, nothing read -#}
        {{ empty_raw_source(source_name, table_name) }}
    {%- else -%}
    {%- set declared = raw_contract_columns(source_name, table_name) -%}
    {%- set present = none -%}
    {%- if execute and var('engagement__check_raw_columns') -%}
        {%- set present = raw_columns_present(relation, source_name, table_name, declared) -%}
    {%- endif %}
    select
    {%- for column in declared %}
        {%- set sql_type = contract_sql_type(column.data_type) %}
        {%- if present is none or column.name in present %}
        {{ dbt.safe_cast(present[column.name] if present else column.name, sql_type) }} as {{ column.name }}
        {%- else %}
        cast(null as {{ sql_type }}) as {{ column.name }}
        {%- endif %}
        {{- "," if not loop.last }}
    {%- endfor %}
    from {{ relation }}
    {%- endif -%}
{%- endmacro %}


{#- Declared columns of a source table, in contract order: name, data_type, required. -#}
{% macro raw_contract_columns(source_name, table_name) %}
    {%- set columns = [] -%}
    {%- if execute -%}
        {%- set node = graph.sources['source.' ~ project_name ~ '.' ~ source_name ~ '.' ~ table_name] -%}
        {%- for column in node.columns.values() -%}
            {%- set meta = column.config.meta if column.config is defined and column.config.meta else column.meta -%}
            {%- do columns.append({
                'name': column.name,
                'data_type': column.data_type,
                'required': (meta or {}).get('required', false)
            }) -%}
        {%- endfor -%}
    {%- endif -%}
    {{ return(columns) }}
{% endmacro %}


{#-
    The declared columns the raw table really has, as a map from contract name
    to the name as the warehouse spells it. Raises a clear error when the table
    is absent or lacks a required column.
-#}
{% macro raw_columns_present(relation, source_name, table_name, declared) %}
    {%- set existing = load_relation(relation) -%}
    {%- if existing is none -%}
        {{ exceptions.raise_compiler_error(
            "Raw table " ~ source_name ~ "." ~ table_name ~ " not found at " ~ relation
            ~ ". Point the variable `" ~ source_name ~ "_schema` (and `engagement__raw_table_names` if"
            ~ " the table has another name) at your landing schema."
        ) }}
    {%- endif -%}
    {%- set found = {} -%}
    {%- for column in adapter.get_columns_in_relation(existing) -%}
        {%- do found.update({column.name | lower: column.name}) -%}
    {%- endfor -%}
    {%- set missing = [] -%}
    {%- for column in declared if column.required and column.name not in found -%}
        {%- do missing.append(column.name) -%}
    {%- endfor -%}
    {%- if missing -%}
        {{ exceptions.raise_compiler_error(
            "Raw table " ~ source_name ~ "." ~ table_name ~ " (" ~ relation ~ ") is missing required column(s): "
            ~ missing | join(", ") ~ ". See shared raw contract / models/staging/" ~ source_name
            ~ "/_" ~ source_name ~ "__sources.yml."
        ) }}
    {%- endif -%}
    {%- set present = {} -%}
    {%- for column in declared if column.name in found -%}
        {%- do present.update({column.name: found[column.name]}) -%}
    {%- endfor -%}
    {{ return(present) }}
{% endmacro %}


{#- The SQL type for a raw-contract logical type, through dbt's portable type macros. -#}
{% macro contract_sql_type(logical_type) %}
    {%- set types = {
        'text': dbt.type_string(),
        'timestamp': dbt.type_timestamp(),
        'date': 'date',
        'numeric': dbt.type_numeric(),
        'integer': dbt.type_int(),
        'boolean': dbt.type_boolean(),
    } -%}
    {%- if logical_type not in types -%}
        {{ exceptions.raise_compiler_error("Unknown raw-contract data_type '" ~ logical_type ~ "'") }}
    {%- endif -%}
    {{ return(types[logical_type]) }}
{% endmacro %}
