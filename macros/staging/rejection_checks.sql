{#-
    Row checks of a raw table's classification (a base model, or raw_table_classification).
    Each renders `when ... then '<code>: <detail>'` branches of the case expression that
    yields `dq_reason`; the first failing
    check names the row's rejection, always by the raw table's column name.
    Codes: unreadable_value, missing_required, unknown_enum, out_of_range,
    future_timestamp, orphan_reference (docs/data_contract.md, "Data quality").
-#}

{#-
    The checks a raw table's contract declares (raw_table_contract), in this order:
    an unreadable required value, a missing required value (contract column order),
    a value outside a column's accepted_values. Rows carry the raw column names
    (normalized_raw_rows), so each reason names the raw column.
-#}
{% macro reject_against_contract(source_name, table_name) -%}
    {%- set contract = raw_table_contract(source_name, table_name) -%}
    {{- reject_unreadable() }}
    {{- reject_missing(contract['required']) }}
    {%- for column, accepted_values in contract['accepted_values'].items() %}
    {{- reject_unknown_enum(column, accepted_values) }}
    {%- endfor %}
{%- endmacro %}


{#-
    Body of a table's `checked` CTE: every row of `rows` with `dq_reason`, the first
    check it fails: the contract's (reject_against_contract), then the table's own
    (table meta `checked_with`: a macro of `when ... then` branches), then a declared
    `not_in_future` column later than the build time (a version stamped in the future
    must not win "latest": it is rejected and an earlier one kept).
-#}
{% macro checked_raw_rows(rows, source_name, table_name) -%}
    {%- set contract = raw_table_contract(source_name, table_name) %}
    select
        *,
        case
            {{- reject_against_contract(source_name, table_name) }}
            {%- if contract.get('own_checks') %}
            {{ context[contract['own_checks']]() }}
            {%- endif %}
            {{- reject_future(contract['not_in_future']) }}
        end as dq_reason
    from {{ rows }}
{%- endmacro %}


{#- A required value that is there but not readable as its type (select_raw_source's dq_unreadable). -#}
{% macro reject_unreadable() %}
            when dq_unreadable is not null
                then dq_unreadable
{%- endmacro %}


{% macro reject_missing(columns) -%}
    {%- for column in columns %}
            when {{ column }} is null
                then 'missing_required: {{ column.split(".")[-1] }} is null'
    {%- endfor %}
{%- endmacro %}


{% macro reject_unknown_enum(column, accepted_values) -%}
            when {{ column }} not in ('{{ accepted_values | join("', '") }}')
                then {{ dbt.concat(["'unknown_enum: " ~ column ~ " = '", column]) }}
{%- endmacro %}


{#- Later than the build time plus a tolerance for clock skew. -#}
{% macro reject_future(columns) -%}
    {%- for column in columns %}
            when {{ column }} > {{ build_time_with_tolerance() }}
                then 'future_timestamp: {{ column }} is after the build time'
    {%- endfor %}
{%- endmacro %}


{#- `parent_key` is the parent's key column as joined in (null when no parent matched). -#}
{% macro reject_orphan(child_column, parent_key, parent_name) -%}
            when {{ child_column }} is not null and {{ parent_key }} is null
                then {{ dbt.concat(["'orphan_reference: " ~ child_column.split(".")[-1] ~ " = '", child_column,
                    "' not in " ~ parent_name ~ "'"]) }}
{%- endmacro %}


{% macro build_time_with_tolerance() -%}
    {{ return(adapter.dispatch('build_time_with_tolerance', 'engagement')()) }}
{%- endmacro %}

{% macro default__build_time_with_tolerance() -%}
    {{ dbt.dateadd('hour', var('engagement__future_tolerance_hours'),
        'cast(' ~ dbt.current_timestamp() ~ ' as ' ~ dbt.type_timestamp() ~ ')') }}
{%- endmacro %}


{#-
    Negative counts and amounts in optional columns (seats, annual values,
    amounts): no meaning, so the value is read as null and the row kept;
    `flag_negative` names it in dq_flag (listed in dq_flagged_values).
    A negative required amount is rejected instead (out_of_range).
-#}
{% macro null_if_negative(column) -%}
    case when {{ column }} >= 0 then {{ column }} end
{%- endmacro %}


{#- dq_flag of a row: the first negative of `columns`, else the flag the raw read left. -#}
{% macro flag_negative(columns, earlier_flag='dq_flag') -%}
    coalesce(
        {%- for column in columns %}
        case
            when {{ column }} < 0
                then {{ dbt.concat(["'negative_value: " ~ column ~ " = '", 'cast(' ~ column ~ ' as ' ~ dbt.type_string() ~ ')',
                    "' is read as null'"]) }}
        end,
        {%- endfor %}
        {{ earlier_flag }}
    )
{%- endmacro %}
