-- Every raw row that did not reach the clean layer, and why: the rows of
-- dq_raw_rows that are not kept, read per table (from its base model, or classified
-- here from its declared contract when it has none) without joining every kept row
-- to the reference checks (raw_row_rejections). Not read from dq_raw_rows, a view:
-- it would check every kept row's references of the largest tables again.
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

not_kept as (

    {% for source_name, table_name in raw_tables() %}
    {{ raw_row_rejections(source_name, table_name, raw_rows_of(base_models, source_name, table_name)) }}
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

numbered as (

    select
        *,
        -- several rows can share a key (duplicates, empty keys): number them for a unique id
        row_number() over (
            partition by source_name, table_name, row_key order by disposition, reason
        ) as occurrence
    from not_kept

),

final as (

    select
        {{ dbt.hash(dbt.concat(['source_name', "'.'", 'table_name', "'|'", 'row_key', "'#'",
            'cast(occurrence as ' ~ dbt.type_string() ~ ')'])) }} as rejected_row_id,
        source_name,
        table_name,
        row_key,
        disposition,
        {{ dbt.split_part('reason', "':'", 1) }} as reason_code,
        reason
    from numbered

)

select * from final
