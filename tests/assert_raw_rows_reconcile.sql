-- For every raw table: rows in the raw table = kept rows + rejected rows + collapsed duplicates,
-- and the kept rows are exactly the rows the later models read (stg_<source>__<table>, or
-- int_<source>__<table>_referenced for a table whose references are checked after staging).
-- Raw rows are counted from the source itself, so a row lost anywhere in staging fails this test.
with summary as (

    select * from {{ ref('dq_raw_table_summary') }}

),

counted_at_both_ends as (

    {% for source_name, table_name, is_reference_checked in raw_tables() %}
    {%- set kept_model = 'int_' ~ source_name ~ '__' ~ table_name ~ '_referenced' if is_reference_checked
        else 'stg_' ~ source_name ~ '__' ~ table_name %}
    select
        '{{ source_name }}' as source_name,
        '{{ table_name }}' as table_name,
        (select count(*) from {{ source(source_name, table_name) }}) as source_rows,
        (select count(*) from {{ ref(kept_model) }}) as read_rows
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

final as (

    select
        counted_at_both_ends.*,
        summary.raw_rows,
        summary.kept_rows,
        summary.duplicate_rows,
        summary.rejected_rows
    from counted_at_both_ends
    left join summary
        on
            counted_at_both_ends.source_name = summary.source_name
            and counted_at_both_ends.table_name = summary.table_name

)

select *
from final
where
    raw_rows is null
    or source_rows <> raw_rows
    or read_rows <> kept_rows
    or raw_rows <> kept_rows + duplicate_rows + rejected_rows
