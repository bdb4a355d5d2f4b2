{#-
    The one place staging reads a raw table. Returns a select of every column
    the raw contract declares (models/staging/<source>/_<source>__sources.yml),
    cast to its contract type:
      - a required column (meta.required) missing from the table fails the
        build, naming the table and the column;
      - an optional column missing from the table becomes a typed null, so a
        loader that leaves it out still builds;
      - extra columns in the table are ignored.
    Casts are safe casts: a value that cannot be read becomes null instead of
    the whole build stopping on one bad value. Two more columns say what was
    lost, naming the raw column and value:
      - dq_unreadable: the first unreadable required value; the base model
        rejects the row with it (reject_unreadable, first of its checks);
      - dq_flag: the first unreadable optional value; the row is kept with a
        null there and listed in dq_flagged_values.
    When the source reads the shipped demo data, the demo seed is made an
    upstream node, so `dbt build` loads it before staging reads it.
    A source switched off with `engagement__using_<source>: false` reads
    nothing (macros/staging/source_switches.sql).
-#}
{% macro select_raw_source(source_name, table_name) %}
    {%- set adapter_model = connector_model_name(source_name, table_name) -%}
    {%- set through_connector = source_connector(source_name) != 'contract' -%}
    {%- if adapter_model -%}
        {#- read through a connector adapter (macros/staging/connectors.sql): its model yields the contract's columns -#}
        {%- set relation = ref(adapter_model) -%}
    {%- else -%}
        {%- set relation = source(source_name, table_name) -%}
    {%- endif -%}
    {%- if reads_demo_source(source_name) -%}
        {%- do ref(table_name) -%}
    {%- endif -%}
    {%- if model.resource_type == 'unit_test' -%}
        {#- a unit test mocks the source with the contract's columns already typed (SQL fixtures); the graph has
            no sources then. Unreadable values are tested on the macro's output in tests/python/test_bad_input.py. -#}
        select
            *,
            cast(null as {{ dbt.type_string() }}) as dq_unreadable,
            cast(null as {{ dbt.type_string() }}) as dq_flag
        from {{ relation }}
    {%- elif not source_is_used(source_name) or (through_connector and not adapter_model
            and var(source_name ~ '_schema') == '') -%}
        {#- switched off (engagement__using_<source>: false), or a table the source's connector does not land and
            no contract-shaped table beside it: zero typed rows, nothing read -#}
        {{ empty_raw_source(source_name, table_name) }}
    {%- else -%}
    {%- set declared = raw_contract_columns(source_name, table_name) -%}
    {%- set present = none -%}
    {#- an adapter model yields every contract column (its own SQL says so): no lookup of what it has -#}
    {%- if execute and var('engagement__check_raw_columns') and not adapter_model -%}
        {%- set present = raw_columns_present(relation, source_name, table_name, declared) -%}
    {%- endif %}
    {#- Columns whose value may not read as the contract type: typed landings need no check. -#}
    {%- set readable_checks = {'required': [], 'optional': []} -%}
    {%- for column in declared if column.data_type != 'text' and (present is none or column.name in present) -%}
        {%- set raw = present[column.name].name if present else column.name -%}
        {%- if present is none or present[column.name].is_text -%}
            {%- do readable_checks['required' if column.required else 'optional'].append(
                unreadable_value_check(raw, column.name, column.data_type)) -%}
        {%- endif -%}
    {%- endfor %}
    select
    {%- for column in declared %}
        {%- set sql_type = contract_sql_type(column.data_type) %}
        {%- if present is none or column.name in present %}
        {{ engagement.safe_cast(present[column.name].name if present else column.name, sql_type) }} as {{ column.name }},
        {%- else %}
        cast(null as {{ sql_type }}) as {{ column.name }},
        {%- endif %}
    {%- endfor %}
        {%- if adapter_model %}
        {#- the adapter's own verdict first (a row deleted in the source, an id no account matches) -#}
        coalesce(dq_connector_reason, {{ first_of(readable_checks['required']) }}) as dq_unreadable,
        coalesce(dq_connector_flag, {{ first_of(readable_checks['optional']) }}) as dq_flag
        {%- else %}
        {#- the first required column whose value cannot be read: the row is rejected with this reason -#}
        {{ first_of(readable_checks['required']) }} as dq_unreadable,
        {#- the first optional one: the value is read as null, the row kept and flagged -#}
        {{ first_of(readable_checks['optional']) }} as dq_flag
        {%- endif %}
    from {{ relation }}
    {%- endif -%}
{%- endmacro %}


{#-
    `when` branch naming a raw value that is there but does not read as its
    contract type, e.g. unreadable_value: annual_contract_value = 'abc' is not a numeric
    (the value cut to 100 characters). The quotes are chr(39): Spark reads '' in a
    literal as two adjacent literals, not as an escaped quote.
-#}
{% macro unreadable_value_check(raw, column_name, logical_type) -%}
    {%- set sql_type = contract_sql_type(logical_type) -%}
    {%- set raw_text = 'cast(' ~ raw ~ ' as ' ~ dbt.type_string() ~ ')' -%}
    when {{ raw }} is not null and {{ engagement.safe_cast(raw, sql_type) }} is null
        then {{ dbt.concat(["'unreadable_value: " ~ column_name ~ " = '", 'chr(39)', 'substr(' ~ raw_text ~ ', 1, 100)',
            'chr(39)', "' is not a " ~ logical_type ~ "'"]) }}
{%- endmacro %}


{#- A case expression of `when` branches (null when there are none). -#}
{% macro first_of(branches) -%}
    {%- if branches -%}
        case
            {%- for branch in branches %}
            {{ branch }}
            {%- endfor %}
        end
    {%- else -%}
        cast(null as {{ dbt.type_string() }})
    {%- endif -%}
{%- endmacro %}


{#- Declared columns of a source table, in contract order: name, data_type, required. -#}
{% macro raw_contract_columns(source_name, table_name) %}
    {%- set columns = [] -%}
    {%- if execute -%}
        {%- set node = graph.sources['source.' ~ model.package_name ~ '.' ~ source_name ~ '.' ~ table_name] -%}
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
    to its name as the warehouse spells it and whether it lands as text. Raises a clear error when the table
    is absent or lacks a required column.
-#}
{% macro raw_columns_present(relation, source_name, table_name, declared) %}
    {%- set existing = load_relation(relation) -%}
    {%- if existing is none -%}
        {{ exceptions.raise_compiler_error(
            "Raw table " ~ source_name ~ "." ~ table_name ~ " not found at " ~ relation
            ~ ". Point the variable `" ~ source_name ~ "_schema` (and `engagement__raw_table_names` if"
            ~ " the table has another name) at your landing schema"
            ~ (", or switch the source off with `engagement__using_" ~ source_name ~ ": false`"
               if source_name != 'crm' else " (CRM is required: it cannot be switched off)")
            ~ "; or, in a project that installs this one as a"
            ~ " package, set `engagement__demo_data: true` to read the demo data it ships."
        ) }}
    {%- endif -%}
    {%- set found = {} -%}
    {%- for column in adapter.get_columns_in_relation(existing) -%}
        {%- set type_name = column.data_type | lower -%}
        {%- do found.update({column.name | lower: {
            'name': column.name,
            'is_text': 'char' in type_name or 'text' in type_name or 'string' in type_name,
        }}) -%}
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
