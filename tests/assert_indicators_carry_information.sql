-- Warns (does not fail) when an indicator carried no information at the current
-- as-of date: its inputs are empty, no customer has a value, or every customer
-- has the same one. Such an indicator dropped out of every score; the warning
-- names each one with its status, so `dbt build` tells a user which parts of
-- the score their data cannot support (dq_indicator_health has the history).
{{ config(severity='warn') }}

{%- set health = load_relation(ref('dq_indicator_health')) if execute else none %}
{%- if health is not none %}
    {%- set dead = run_query(
        "select indicator, status, coalesce(empty_inputs, '') from " ~ ref('dq_indicator_health')
        ~ " where is_current and not carries_information order by indicator"
    ) %}
    {%- if dead and dead.rows | length > 0 %}
        {%- set named = [] %}
        {%- for row in dead.rows %}
            {%- do named.append(row[0] ~ ' (' ~ row[1] ~ (': ' ~ row[2] ~ ' empty' if row[2] else '') ~ ')') %}
        {%- endfor %}
        {%- do log('Indicators carrying no information at the as-of date, left out of every score: '
            ~ named | join(', '), info=true) %}
    {%- endif %}
{%- endif %}

select
    indicator,
    status,
    empty_inputs
from {{ ref('dq_indicator_health') }}
where
    is_current
    and not carries_information
