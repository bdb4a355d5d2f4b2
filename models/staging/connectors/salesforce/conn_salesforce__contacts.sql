-- crm.contacts from Salesforce Contact (Contact.AccountId is the account). is_primary comes from the field named in
-- engagement__salesforce_contact_fields (Salesforce has no standard one; absent = false).
{{ config(enabled=connector_is_used('salesforce')) }}
{%- set contact_relation = source('salesforce', 'contact') %}
{%- set columns = landed_columns(contact_relation) %}
{{- require_landed_table(columns, 'salesforce', 'contact', contact_relation) }}
{%- set fields = var('engagement__salesforce_contact_fields') %}

with contact as (

    select * from {{ contact_relation }}

),

final as (

    select
        cast(contact.id as {{ dbt.type_string() }}) as contact_id,
        cast(contact.account_id as {{ dbt.type_string() }}) as account_id,
        {{ landed_text(columns, 'email', 'contact') }} as email,
        {%- if (columns or {}).get('name') or not execute %}
        cast(contact.name as {{ dbt.type_string() }}) as full_name,
        {%- else %}
        {{ dbt.concat([landed_text(columns, 'first_name', 'contact'), "' '", landed_text(columns, 'last_name', 'contact')]) }}
            as full_name,
        {%- endif %}
        {{ landed_text(columns, 'title', 'contact') }} as job_title,
        {{ landed_text(columns, fields.get('is_primary'), 'contact') }} as is_primary,
        {{ landed_text(columns, 'created_date', 'contact') }} as created_at,
        {{ first_of(landed_deleted_checks(columns, 'contact', ["'salesforce Contact '", id_text('contact.id')])) }}
            as dq_connector_reason,
        cast(null as {{ dbt.type_string() }}) as dq_connector_flag
    from contact

)

select * from final
