{#- The grain of a connector adapter: one row per row of the connector tables it
    reads (`landed`, [source name, table name] pairs; a table not landed counts 0
    rows). Fails with one row, both counts, when the model holds more rows (a join
    fans a row out) or fewer (a row is dropped: the contract wants every row, a bad
    one with its reason). Keys are not tested unique: a raw table may repeat a key
    (versions, duplicate rows), which the base model classifies. The tables are
    looked up in the graph when the test runs rather than named with source(): a
    source() here would make every test of a connector not in use warn, at each
    parse, that it depends on a disabled source. -#}
{% test one_row_per_landed_row(model, landed) %}
{%- set landed_tables = [] %}
{%- if execute %}
    {%- for source_name, table_name in landed %}
        {%- for node in graph.sources.values()
            if node.source_name == source_name and node.name == table_name %}
            {%- set found = adapter.get_relation(database=node.database, schema=node.schema,
                identifier=node.identifier) %}
            {%- if found is not none %}
                {%- do landed_tables.append(found) %}
            {%- endif %}
        {%- endfor %}
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
