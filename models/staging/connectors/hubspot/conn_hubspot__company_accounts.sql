-- One row per HubSpot company: the account_id it stands for, for every HubSpot adapter (accounts, their parents,
-- and the companies of contacts, deals, engagements and tickets). In order: the identity map's entry for the
-- company (source_system 'hubspot'), the Salesforce account id the HubSpot-Salesforce integration writes on the
-- company (engagement__hubspot_properties.salesforce_account_id), and, only where HubSpot is the CRM, the company
-- id itself. A company none of them names has no account_id: the adapters reject its rows as unmatched_identity.
{{ config(enabled=source_connector('crm') == 'hubspot'
    or (source_connector('support') == 'hubspot' and source_is_used('support'))) }}
{%- set company_relation = source('hubspot', 'company') %}
{%- set columns = landed_columns(company_relation) %}
{{- require_landed_table(columns, 'hubspot', 'company', company_relation) }}
{%- set salesforce_account_id = landed_text(columns, var('engagement__hubspot_properties').get('salesforce_account_id'),
    'company') %}

with company as (

    select * from {{ company_relation }}

),

identity_map as (

    select
        external_id,
        account_id
    from {{ ref('conn_identity_map') }}
    where source_system = 'hubspot'

),

final as (

    select distinct
        cast(company.id as {{ dbt.type_string() }}) as company_id,
        coalesce(
            identity_map.account_id,
            nullif(trim({{ salesforce_account_id }}), ''),
            {%- if source_connector('crm') == 'hubspot' %}
            -- HubSpot is the CRM: a company no other system names is an account under its own id
            cast(company.id as {{ dbt.type_string() }})
            {%- else %}
            cast(null as {{ dbt.type_string() }})
            {%- endif %}
        ) as account_id
    from company
    left join identity_map
        on cast(company.id as {{ dbt.type_string() }}) = identity_map.external_id

)

select * from final
