-- Per raw table: rows read, kept, collapsed as duplicates and rejected; of the
-- kept rows, how many carry a flag (dq_flagged_values) and how many of those are
-- touchpoints dated before their account's customer_since.
-- Counted without classifying the raw rows again (dq_raw_rows, a view, costs a
-- pass over every base model with its reference checks): the rows read are the
-- rows of the table's base model (one per raw row, as in dq_raw_rows), the
-- duplicates and rejections those of dq_rejected_rows (every row not kept, once),
-- the kept rows the difference.
{#- each raw table's base model (every raw row with its fate), by '<source>.<table>' -#}
{%- set base_models = {
    'crm.accounts': ref('base_crm__accounts'),
    'crm.managers': ref('base_crm__managers'),
    'crm.contacts': ref('base_crm__contacts'),
    'crm.licenses': ref('base_crm__licenses'),
    'crm.deployments': ref('base_crm__deployments'),
    'crm.product_releases': ref('base_crm__product_releases'),
    'crm.opportunities': ref('base_crm__opportunities'),
    'crm.activities': ref('base_crm__activities'),
    'crm.wallet_estimates': ref('base_crm__wallet_estimates'),
    'support.cases': ref('base_support__cases'),
    'survey.surveys': ref('base_survey__surveys'),
    'survey.invitations': ref('base_survey__invitations'),
    'survey.responses': ref('base_survey__responses'),
    'marketing.event_registrations': ref('base_marketing__event_registrations'),
    'marketing.email_events': ref('base_marketing__email_events'),
    'marketing.advocacy': ref('base_marketing__advocacy'),
    'product.usage_events': ref('base_product__usage_events')
} %}
with rejected_rows as (

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

-- rows read: every row of the base model, one per raw row
read_counts as (

    {% for source_name, table_name in raw_tables() %}
    select
        '{{ source_name }}' as source_name,
        '{{ table_name }}' as table_name,
        count(*) as raw_rows
    from {{ base_model_of(base_models, source_name, table_name) }}
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
