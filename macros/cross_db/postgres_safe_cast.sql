{#-
    dbt.safe_cast on Postgres. dbt's own is a plain cast there, so one unreadable
    raw value ('n/a' in a date column) would fail the whole build, where DuckDB
    (try_cast) and Spark give null and staging rejects the row with a reason.
    Postgres 15 has no try-cast, so the value's text is checked against the
    type's shape first and anything else becomes null. dbt picks this over its
    postgres__safe_cast through dispatch (root project first); other engines
    keep dbt's. A well-formed but impossible date (2026-02-30, year 0000) is
    checked against its month's length before the cast, and a numeric(p, s)
    value must fit its p - s integer digits, so neither raises either.
-#}
{% macro postgres__safe_cast(field, type) %}
    {%- set type_name = type | lower | trim -%}
    {%- set day = '[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])' -%}
    {%- set time = '([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9]([.][0-9]{1,6})?)?' -%}
    {%- if type_name in ('integer', 'int', 'int4', 'smallint', 'int2') -%}
        {%- set pattern = '^[-+]?[0-9]{1,9}$' -%}
    {%- elif type_name in ('bigint', 'int8') -%}
        {%- set pattern = '^[-+]?[0-9]{1,18}$' -%}
    {%- elif (type_name.startswith('numeric') or type_name.startswith('decimal')) and ',' in type_name -%}
        {%- set precision_scale = type_name.split('(')[1].rstrip(')').split(',') -%}
        {%- set integer_digits = precision_scale[0] | trim | int - precision_scale[1] | trim | int -%}
        {%- set pattern = '^[-+]?([0-9]{0,' ~ integer_digits ~ '}([.][0-9]*)?)$' -%}
    {%- elif type_name.startswith('numeric') or type_name.startswith('decimal') or type_name.startswith('double')
        or type_name in ('real', 'float', 'float4', 'float8') -%}
        {%- set pattern = '^[-+]?([0-9]+[.]?[0-9]*|[.][0-9]+)([e][-+]?[0-9]{1,3})?$' -%}
    {%- elif type_name in ('boolean', 'bool') -%}
        {%- set pattern = '^(t|f|true|false|y|n|yes|no|on|off|1|0)$' -%}
    {%- elif type_name == 'date' -%}
        {%- set pattern = '^' ~ day ~ '$' -%}
    {%- elif type_name.startswith('timestamp') -%}
        {%- set pattern = '^' ~ day ~ '([ t]' ~ time ~ ')?([+-][0-9]{2}(:?[0-9]{2})?|z)?$' -%}
    {%- else -%}
        {%- set pattern = none -%}
    {%- endif -%}
    {%- set text = 'trim(cast(' ~ field ~ ' as text))' -%}
    {%- if pattern is none -%}
        cast({{ field }} as {{ type }})
    {%- elif type_name == 'date' or type_name.startswith('timestamp') -%}
        {#- nested cases: Postgres may evaluate the two sides of an `and` in either order -#}
        case
            when {{ text }} ~* '{{ pattern }}' and substr({{ text }}, 1, 4) <> '0000' then
                case
                    when cast(substr({{ text }}, 9, 2) as integer) <= extract(day from
                        make_date(cast(substr({{ text }}, 1, 4) as integer), cast(substr({{ text }}, 6, 2) as integer), 1)
                        + interval '1 month' - interval '1 day')
                        then cast({{ field }} as {{ type }})
                end
        end
    {%- else -%}
        case
            when {{ text }} ~* '{{ pattern }}' and {{ text }} !~ '^[-+]?[.]?$' then cast({{ field }} as {{ type }})
        end
    {%- endif -%}
{% endmacro %}
