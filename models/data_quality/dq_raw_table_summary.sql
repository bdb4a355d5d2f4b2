-- Per raw table: rows read, kept, collapsed as duplicates and rejected; of the
-- kept rows, how many carry a flag (dq_flagged_values) and how many of those are
-- touchpoints dated before their account's customer_since.
-- Counted without classifying the raw rows again (dq_raw_rows, a view, costs a
-- pass over every base model with its reference checks): the rows read are the
-- rows of the table's base model (one per raw row, as in dq_raw_rows) or, for a
-- table without one, of its typed read (select_raw_source, one row per raw row), the
-- duplicates and rejections those of dq_rejected_rows (every row not kept, once),
-- the kept rows the difference.
{#- the base models of the incremental raw tables (every raw row with its fate, stored), by
    '<source>.<table>'; the other tables are counted from their typed read (raw_rows_of) -#}
{%- set base_models = {
    'crm.deployments': ref('base_crm__deployments'),
    'survey.invitations': ref('base_survey__invitations'),
    'survey.responses': ref('base_survey__responses'),
    'marketing.email_events': ref('base_marketing__email_events'),
    'product.usage_events': ref('base_product__usage_events')
} %}
with
{#- the tables without a base model: their typed read, to count its rows #}
{%- for source_name, table_name in raw_tables() if (source_name ~ '.' ~ table_name) not in base_models %}
{{ raw_table_prefix(source_name, table_name) }}source as (

    {{ select_raw_source(source_name, table_name) }}

),
{% endfor %}

rejected_rows as (

    select * from {{ ref('dq_rejected_rows') }}

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

-- rows read: every row of the base model or of the typed read, one per raw row
read_counts as (

    {% for source_name, table_name in raw_tables() %}
    select
        '{{ source_name }}' as source_name,
        '{{ table_name }}' as table_name,
        count(*) as raw_rows
    from {{ raw_rows_of(base_models, source_name, table_name, 'source') }}
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

not_kept_counts as (

    select
        source_name,
        table_name,
        count(case when disposition = 'duplicate' then 1 end) as duplicate_rows,
        count(case when disposition = 'rejected' then 1 end) as rejected_rows
    from rejected_rows
    group by
        source_name,
        table_name

),

row_counts as (

    select
        raw_table_names.source_name,
        raw_table_names.table_name,
        coalesce(read_counts.raw_rows, 0) as raw_rows,
        coalesce(read_counts.raw_rows, 0)
        - coalesce(not_kept_counts.duplicate_rows, 0)
        - coalesce(not_kept_counts.rejected_rows, 0) as kept_rows,
        coalesce(not_kept_counts.duplicate_rows, 0) as duplicate_rows,
        coalesce(not_kept_counts.rejected_rows, 0) as rejected_rows
    from raw_table_names
    left join read_counts
        on
            raw_table_names.source_name = read_counts.source_name
            and raw_table_names.table_name = read_counts.table_name
    left join not_kept_counts
        on
            raw_table_names.source_name = not_kept_counts.source_name
            and raw_table_names.table_name = not_kept_counts.table_name

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
