{#-
    Body of one raw table's part of dq_rejected_rows: the rows of `base_rows` (a
    base staging model, or the CTE of the table's classification) that did not reach
    the clean layer, with their fate, as dq_raw_rows gives them (raw_row_fates) but
    without classifying the kept rows again: the rows not kept (duplicate or rejected,
    with the detail), and, when the table's raw contract declares references, the kept
    rows whose references do not resolve (failed_reference_rows, rejected with
    that reason). The kept rows are only read by the reference checks, which
    return the failing ones: no join of every kept row to their result.
-#}
{% macro raw_row_rejections(source_name, table_name, base_rows) %}
    {%- set has_references = raw_table_contract(source_name, table_name)['references'] | length > 0 %}
    select
        '{{ source_name }}' as source_name,
        '{{ table_name }}' as table_name,
        dq_row_key as row_key,
        dq_disposition as disposition,
        dq_detail as reason
    from {{ base_rows }}
    where dq_disposition <> 'kept'
    {%- if has_references %}
    union all
    select
        '{{ source_name }}' as source_name,
        '{{ table_name }}' as table_name,
        orphans.dq_row_key as row_key,
        'rejected' as disposition,
        orphans.dq_reason as reason
    from (
        {{ failed_reference_rows(source_name, table_name,
            '(select * from ' ~ base_rows ~ " where dq_disposition = 'kept')") }}
    ) as orphans
    {%- endif %}
{% endmacro %}
