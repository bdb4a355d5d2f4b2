-- crm.accounts from HubSpot companies: account_id as conn_hubspot__company_accounts resolves it, the parent
-- company (hs_parent_company_id) resolved the same way, the company owner as the manager. Columns HubSpot has
-- no standard property for come from the properties named in engagement__hubspot_properties (null when the
-- table has no such column; a date landed as a timestamp is read as its date). Deleted companies are kept with
-- their reason, so data quality counts them.
{{ config(enabled=source_connector('crm') == 'hubspot') }}
{%- set company_relation = source('hubspot', 'company') %}
{%- set columns = landed_columns(company_relation) %}
{{- require_landed_table(columns, 'hubspot', 'company', company_relation) }}
{%- set properties = var('engagement__hubspot_properties') %}

with company as (

    select * from {{ company_relation }}

),

company_accounts as (

    select * from {{ ref('conn_hubspot__company_accounts') }}

),

final as (

    select
        company_accounts.account_id,
        {{ landed_text(columns, 'property_name', 'company') }} as account_name,
        -- a parent company HubSpot does not hold keeps its HubSpot id: the hierarchy checks flag it as an orphan
        coalesce(parent_accounts.account_id, {{ landed_text(columns, 'property_hs_parent_company_id', 'company') }})
            as parent_account_id,
        {{ landed_text(columns, 'property_hubspot_owner_id', 'company') }} as manager_id,
        {{ landed_text(columns, 'property_industry', 'company') }} as industry,
        {{ landed_text(columns, properties.get('region'), 'company') }} as region,
        {{ landed_text(columns, properties.get('segment'), 'company') }} as segment,
        {{ landed_date_text(columns, properties.get('customer_since'), 'company') }} as customer_since,
        {{ landed_date_text(columns, properties.get('churned_at'), 'company') }} as churned_at,
        {{ landed_text(columns, properties.get('annual_contract_value'), 'company') }} as annual_contract_value,
        {{ landed_text(columns, 'property_hs_lastmodifieddate', 'company') }} as updated_at,
        {{ first_of(landed_deleted_checks(columns, 'company', ["'hubspot company '", id_text('company.id')])) }}
            as dq_connector_reason,
        cast(null as {{ dbt.type_string() }}) as dq_connector_flag
    from company
    left join company_accounts
        on cast(company.id as {{ dbt.type_string() }}) = company_accounts.company_id
    left join company_accounts as parent_accounts
        on {{ landed_text(columns, 'property_hs_parent_company_id', 'company') }} = parent_accounts.company_id

)

select * from final
