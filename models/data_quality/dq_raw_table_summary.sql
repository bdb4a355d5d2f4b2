-- Per raw table: rows read, kept, collapsed as duplicates and rejected.
with
{% for source_name, table_name in raw_tables() %}
{{ source_name }}__{{ table_name }} as (

    select
        '{{ source_name }}' as source_name,
        '{{ table_name }}' as table_name,
        count(*) as raw_rows,
        count(case when dq_disposition = 'kept' then 1 end) as kept_rows,
        count(case when dq_disposition = 'duplicate' then 1 end) as duplicate_rows,
        count(case when dq_disposition = 'rejected' then 1 end) as rejected_rows
    from {{ ref('base_' ~ source_name ~ '__' ~ table_name) }}

),
{% endfor %}

final as (

    {% for source_name, table_name in raw_tables() %}
    select * from {{ source_name }}__{{ table_name }}
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

)

select * from final
