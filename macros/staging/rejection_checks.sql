{#-
    Row checks for the base staging models. Each renders `when ... then '<code>: <detail>'`
    branches of the case expression that yields `dq_reason`; the first failing
    check names the row's rejection. Codes: missing_required, unknown_enum,
    out_of_range, future_timestamp, orphan_reference.
-#}

{% macro reject_missing(columns) -%}
    {%- for column in columns %}
            when {{ column }} is null
                then 'missing_required: {{ column.split(".")[-1] }} is null or unreadable'
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
