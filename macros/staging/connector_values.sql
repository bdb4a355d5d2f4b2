{#-
    Landed values the contract types read differently per engine. Connectors
    land a date property as a timestamp (HubSpot's "became a customer" date at
    midnight) and a whole number as a float (a CSAT of 4 as 4.0): DuckDB reads
    '2025-07-12 00:00:00' as a date and '4.0' as an integer, Postgres reads
    neither (select_raw_source's safe cast makes them unreadable). These
    macros give the value's text in the contract's own spelling; a value they
    cannot read passes through as landed, so the raw read still names it as
    unreadable_value.
-#}

{#- A landed date or timestamp as the text of its date ('2025-07-12'), else the landed text. -#}
{% macro landed_date_text(columns, column_name, alias) -%}
    {%- set text = landed_text(columns, column_name, alias) -%}
    coalesce(
        cast(cast({{ engagement.safe_cast(text, dbt.type_timestamp()) }} as date) as {{ dbt.type_string() }}),
        {{ text }}
    )
{%- endmacro %}


{#- A landed whole number, however typed (4, 4.0, '4.00'), as the text of an integer ('4'), else the landed text. -#}
{% macro landed_integer_text(columns, column_name, alias) -%}
    {%- set text = landed_text(columns, column_name, alias) -%}
    {%- set number = engagement.safe_cast(text, dbt.type_numeric()) -%}
    coalesce(
        case when {{ number }} = floor({{ number }})
            then cast(cast({{ number }} as {{ dbt.type_bigint() }}) as {{ dbt.type_string() }}) end,
        {{ text }}
    )
{%- endmacro %}
