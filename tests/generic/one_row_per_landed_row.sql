{#- The grain of a connector adapter: one row per row of the connector tables it
    reads (`landed`, source() relations; a table not landed counts 0 rows). Fails
    with one row, both counts, when the model holds more rows (a join fans a row
    out) or fewer (a row is dropped: the contract wants every row, a bad one with
    its reason). Keys are not tested unique: a raw table may repeat a key (versions,
    duplicate rows), which the base model classifies. -#}
{% test one_row_per_landed_row(model, landed) %}
{%- set landed_tables = [] %}
{%- if execute %}
    {%- for relation in landed %}
        {%- set found = adapter.get_relation(database=relation.database, schema=relation.schema,
            identifier=relation.identifier) %}
        {%- if found is not none %}
            {%- do landed_tables.append(found) %}
        {%- endif %}
    {%- endfor %}
{%- endif %}

with model_rows as (

    select count(*) as row_count from {{ model }}

),

landed_rows as (

    select 0 as row_count
    {%- for relation in landed_tables %}
    union all
    select count(*) as row_count from {{ relation }}
    {%- endfor %}

)

select
    model_rows.row_count as model_row_count,
    sum(landed_rows.row_count) as landed_row_count
from model_rows
cross join landed_rows
group by model_rows.row_count
having model_rows.row_count <> sum(landed_rows.row_count)

{% endtest %}
