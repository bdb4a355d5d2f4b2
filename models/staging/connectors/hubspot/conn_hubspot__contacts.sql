-- crm.contacts from HubSpot contacts: the contact id is the contact_id; the account is the contact's primary
-- company (associatedcompanyid), resolved by conn_hubspot__company_accounts. A company no account stands for is
-- rejected as unmatched_identity; a contact with no company has no account (the base model rejects it as
-- missing). Deleted contacts (_fivetran_deleted) are kept with their reason.
{{ config(enabled=source_connector('crm') == 'hubspot') }}
{%- set contact_relation = source('hubspot', 'contact') %}
{%- set columns = landed_columns(contact_relation) %}
{{- require_landed_table(columns, 'hubspot', 'contact', contact_relation) }}
{%- set company_id = landed_text(columns, 'property_associatedcompanyid', 'contact') %}
{%- set first_name = 'coalesce(' ~ landed_text(columns, 'property_firstname', 'contact') ~ ", '')" %}
{%- set last_name = 'coalesce(' ~ landed_text(columns, 'property_lastname', 'contact') ~ ", '')" %}

with contact as (

    select * from {{ contact_relation }}

),

company_accounts as (

    select * from {{ ref('conn_hubspot__company_accounts') }}

),

final as (

    select
        cast(contact.id as {{ dbt.type_string() }}) as contact_id,
        company_accounts.account_id,
        {{ landed_text(columns, 'property_email', 'contact') }} as email,
        nullif(trim({{ dbt.concat([first_name, "' '", last_name]) }}), '') as full_name,
        {{ landed_text(columns, 'property_jobtitle', 'contact') }} as job_title,
        {{ landed_text(columns, var('engagement__hubspot_properties').get('is_primary_contact'), 'contact') }}
            as is_primary,
        {{ landed_text(columns, 'property_createdate', 'contact') }} as created_at,
        {{ first_of(
            landed_deleted_checks(columns, 'contact', ["'hubspot contact '", id_text('contact.id')])
            + [unmatched_identity_check(company_id, 'company_accounts.account_id',
                ["'hubspot contact '", id_text('contact.id')], 'hubspot company')]
        ) }} as dq_connector_reason,
        cast(null as {{ dbt.type_string() }}) as dq_connector_flag
    from contact
    left join company_accounts
        on {{ company_id }} = company_accounts.company_id

)

select * from final
