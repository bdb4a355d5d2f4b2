-- Per raw table: rows read, kept, collapsed as duplicates and rejected.
with raw_rows as (

    select * from {{ ref('dq_raw_rows') }}

),

-- every raw table, so an empty one still has its row of zeros
raw_table_names as (

    {% for source_name, table_name in raw_tables() %}
    select
        '{{ source_name }}' as source_name,
        '{{ table_name }}' as table_name
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

final as (

    select
        raw_table_names.source_name,
        raw_table_names.table_name,
        count(raw_rows.table_name) as raw_rows,
        count(case when raw_rows.disposition = 'kept' then 1 end) as kept_rows,
        count(case when raw_rows.disposition = 'duplicate' then 1 end) as duplicate_rows,
        count(case when raw_rows.disposition = 'rejected' then 1 end) as rejected_rows
    from raw_table_names
    left join raw_rows
        on
            raw_table_names.source_name = raw_rows.source_name
            and raw_table_names.table_name = raw_rows.table_name
    group by
        raw_table_names.source_name,
        raw_table_names.table_name

)

select * from final
