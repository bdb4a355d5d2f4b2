-- Every raw row that did not reach the clean layer, and why: the rows of
-- dq_raw_rows that are not kept, read per table from its base model without
-- joining every kept row to the reference checks (raw_row_rejections).
-- The models the contracts' references name (read by the reference checks):
-- depends_on: {{ ref('stg_crm__accounts') }} {{ ref('stg_crm__contacts') }}
-- depends_on: {{ ref('stg_crm__product_releases') }} {{ ref('stg_survey__surveys') }}
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
with not_kept as (

    {% for source_name, table_name in raw_tables() %}
    {{ raw_row_rejections(source_name, table_name, base_model_of(base_models, source_name, table_name)) }}
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
