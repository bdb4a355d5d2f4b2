-- For every raw table: rows in the raw table = staged rows + rejected rows + collapsed duplicates.
-- Raw rows are counted from the source itself, so a row lost anywhere in staging fails this test.
with
{% for source_name, table_name in raw_tables() %}
{{ source_name }}__{{ table_name }} as (

    select
        '{{ source_name }}' as source_name,
        '{{ table_name }}' as table_name,
        {%- if source_is_used(source_name) %}
        (select count(*) from {{ source(source_name, table_name) }}) as raw_rows,
        {%- else %}
        -- switched off (engagement__using_{{ source_name }}: false): not read, maybe not even there
        0 as raw_rows,
        {%- endif %}
        (select count(*) from {{ ref('stg_' ~ source_name ~ '__' ~ table_name) }}) as staged_rows,
        (
            select count(*) from {{ ref('dq_rejected_rows') }}
            where
                source_name = '{{ source_name }}'
                and table_name = '{{ table_name }}'
                and disposition = 'rejected'
        ) as rejected_rows,
        (
            select count(*) from {{ ref('dq_rejected_rows') }}
            where
                source_name = '{{ source_name }}'
                and table_name = '{{ table_name }}'
                and disposition = 'duplicate'
        ) as duplicate_rows

),
{% endfor %}

counts as (

    {% for source_name, table_name in raw_tables() %}
    select * from {{ source_name }}__{{ table_name }}
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

)

select *
from counts
where raw_rows <> staged_rows + rejected_rows + duplicate_rows
