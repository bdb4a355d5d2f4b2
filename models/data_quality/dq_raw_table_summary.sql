-- Per raw table: rows read, kept, collapsed as duplicates and rejected; of the
-- kept rows, how many carry a flag (dq_flagged_values) and how many of those are
-- touchpoints dated before their account's customer_since.
-- Counted from dq_raw_rows (every raw row once, with its fate).
with raw_rows as (

    select * from {{ ref('dq_raw_rows') }}

),

flagged_values as (

    select * from {{ ref('dq_flagged_values') }}

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

flagged_counts as (

    select
        source_name,
        table_name,
        -- distinct rows: a row can carry several flags
        count(distinct row_key) as flagged_rows,
        count(distinct case when flag_code = 'before_customer_since' then row_key end)
            as before_customer_since_rows
    from flagged_values
    group by
        source_name,
        table_name

),

disposition_counts as (

    select
        source_name,
        table_name,
        count(*) as raw_rows,
        count(case when disposition = 'kept' then 1 end) as kept_rows,
        count(case when disposition = 'duplicate' then 1 end) as duplicate_rows,
        count(case when disposition = 'rejected' then 1 end) as rejected_rows
    from raw_rows
    group by
        source_name,
        table_name

),

row_counts as (

    select
        raw_table_names.source_name,
        raw_table_names.table_name,
        coalesce(disposition_counts.raw_rows, 0) as raw_rows,
        coalesce(disposition_counts.kept_rows, 0) as kept_rows,
        coalesce(disposition_counts.duplicate_rows, 0) as duplicate_rows,
        coalesce(disposition_counts.rejected_rows, 0) as rejected_rows
    from raw_table_names
    left join disposition_counts
        on
            raw_table_names.source_name = disposition_counts.source_name
            and raw_table_names.table_name = disposition_counts.table_name

),

final as (

    select
        row_counts.*,
        coalesce(flagged_counts.flagged_rows, 0) as flagged_rows,
        coalesce(flagged_counts.before_customer_since_rows, 0) as before_customer_since_rows
    from row_counts
    left join flagged_counts
        on
            row_counts.source_name = flagged_counts.source_name
            and row_counts.table_name = flagged_counts.table_name

)

select * from final
