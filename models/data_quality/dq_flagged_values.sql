-- Kept rows with a value the build could not use as given, and why: an
-- unreadable optional value (read as null), a negative count or amount (read
-- as null), a parent link that closes a loop in a hierarchy (ignored by the
-- rollups); and kept touchpoints dated before their account's customer_since
-- (scored as they are). The row itself reached the clean staging layer.
-- The flagged kept rows are classified here from the base models' rows that
-- carry a flag, or, for a table without a base model, from its rows classified
-- here from the declared contract (raw_row_fates on those alone: a row's reference
-- checks depend on the row and the referenced tables only), not from dq_raw_rows,
-- a view, which would check every raw row's references again.
-- The models the contracts' references name (read by the reference checks):
-- depends_on: {{ ref('stg_crm__accounts') }} {{ ref('stg_crm__contacts') }}
-- depends_on: {{ ref('stg_crm__product_releases') }} {{ ref('stg_survey__surveys') }}
{#- the base models of the incremental raw tables (every raw row with its fate, stored), by
    '<source>.<table>'; the other tables are classified here (raw_rows_of) -#}
{%- set base_models = {
    'crm.deployments': ref('base_crm__deployments'),
    'survey.invitations': ref('base_survey__invitations'),
    'survey.responses': ref('base_survey__responses'),
    'marketing.email_events': ref('base_marketing__email_events'),
    'product.usage_events': ref('base_product__usage_events')
} %}
with
{#- the tables without a base model: every raw row classified here from the declared contract #}
{%- for source_name, table_name in raw_tables() if (source_name ~ '.' ~ table_name) not in base_models %}
{{ raw_table_classification(source_name, table_name, raw_table_prefix(source_name, table_name)) }},
{% endfor %}

{% for source_name, table_name in raw_tables() %}
-- the kept rows of the table that carry a flag
flagged_{{ source_name }}__{{ table_name }} as (

    select * from {{ raw_rows_of(base_models, source_name, table_name) }}
    where dq_disposition = 'kept' and dq_flag is not null

),
{% endfor %}

flagged_rows_fates as (

    {% for source_name, table_name in raw_tables() %}
    {{ raw_row_fates(source_name, table_name, 'flagged_' ~ source_name ~ '__' ~ table_name) }}
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

kept_rows_flagged as (

    select
        source_name,
        table_name,
        row_key,
        flag
    from flagged_rows_fates
    where disposition = 'kept' and flag is not null

),

hierarchy_cycles as (

    select
        'crm' as source_name,
        case when hierarchy = 'account' then 'accounts' else 'managers' end as table_name,
        node_id as row_key,
        {{ dbt.concat([
            "'hierarchy_cycle: '",
            "case when hierarchy = 'account' then 'parent_account_id' else 'reports_to_manager_id' end",
            "' = '", 'parent_id', "' closes a loop; the link is ignored'",
        ]) }} as flag
    from {{ ref('int_hierarchy_cycles') }}

),

touchpoints_before_customer_since as (

    select
        source_name,
        table_name,
        row_key,
        flag
    from {{ ref('int_touchpoints_before_customer_since') }}

),

unioned as (

    select * from kept_rows_flagged
    union all
    select * from hierarchy_cycles
    union all
    select * from touchpoints_before_customer_since

),

final as (

    select
        {{ dbt.hash(dbt.concat(['source_name', "'.'", 'table_name', "'|'", 'row_key', "'#'", 'flag'])) }}
            as flagged_value_id,
        source_name,
        table_name,
        row_key,
        {{ dbt.split_part('flag', "':'", 1) }} as flag_code,
        flag
    from unioned

)

select * from final
