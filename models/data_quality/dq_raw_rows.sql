-- Every raw row of every raw table, once, with its final fate: `kept`, `duplicate`
-- or `rejected`, why, and the flag of a kept row with a value read as null. The one
-- place a build stores every row's fate: dq_rejected_rows, dq_flagged_values and
-- dq_raw_table_summary read it, so each raw table is classified here once.
-- Each row is classified against its own table: the five incremental tables by
-- their base models, which store the fates; the others here, from the table's
-- declared contract (raw_table_classification), as its stg_ model classifies
-- them. A kept row whose declared references do not resolve (checked as its stg_
-- model checks them: macros/staging/reference_checks.sql) is rejected here with
-- that reason.
-- The models the contracts' references name (read by the reference checks):
-- depends_on: {{ ref('stg_crm__accounts') }} {{ ref('stg_crm__contacts') }}
-- depends_on: {{ ref('stg_crm__product_releases') }} {{ ref('stg_survey__surveys') }}
{#- the base models of the incremental raw tables (every raw row with its fate, stored), by
    '<source>.<table>'; the other tables are classified here (a table with a base model
    missing from this list stops the compile: raw_table_classification) -#}
{%- set base_models = {
    'crm.deployments': ref('base_crm__deployments'),
    'survey.invitations': ref('base_survey__invitations'),
    'survey.responses': ref('base_survey__responses'),
    'marketing.email_events': ref('base_marketing__email_events'),
    'product.usage_events': ref('base_product__usage_events')
} %}
with
{#- the tables without a base model: every raw row classified from the declared contract #}
{%- for source_name, table_name in raw_tables() if (source_name ~ '.' ~ table_name) not in base_models %}
{{ raw_table_classification(source_name, table_name, source_name ~ '__' ~ table_name ~ '__') }},
{% endfor %}

final as (

    {% for source_name, table_name in raw_tables() %}
    {{ raw_row_fates(source_name, table_name,
        base_models.get(source_name ~ '.' ~ table_name, source_name ~ '__' ~ table_name ~ '__classified')) }}
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

)

select * from final
