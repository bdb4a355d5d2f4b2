-- One row per Qualtrics directory contact: the CRM contact it is. Qualtrics ids mean nothing to the CRM: the
-- contact's external data reference (ext_ref) when it is a CRM contact id, else the CRM contact with the same
-- e-mail (the lowest id when several share it). A directory contact neither finds has no contact_id: the
-- adapters reject its rows as unmatched_identity.
{{ config(enabled=source_connector('survey') == 'qualtrics' and source_is_used('survey')) }}
{%- set contact_relation = source('qualtrics', 'directory_contact') %}
{%- set columns = landed_columns(contact_relation) %}
{{- require_landed_table(columns, 'qualtrics', 'directory_contact', contact_relation) }}

with directory_contact as (

    select
        cast(directory_contact.id as {{ dbt.type_string() }}) as qualtrics_contact_id,
        nullif(trim({{ landed_text(columns, 'ext_ref', 'directory_contact') }}), '') as ext_ref,
        lower(trim({{ landed_text(columns, 'email', 'directory_contact') }})) as email
    from {{ contact_relation }} as directory_contact

),

crm_contacts as (

    select * from {{ ref('stg_crm__contacts') }}

),

contacts_by_email as (

    select * from {{ ref('conn_crm_contacts_by_email') }}

),

final as (

    -- a contact in several directories: one row, its lowest match
    select
        directory_contact.qualtrics_contact_id,
        min(coalesce(contacts_by_ref.contact_id, contacts_by_email.contact_id)) as contact_id
    from directory_contact
    left join crm_contacts as contacts_by_ref
        on directory_contact.ext_ref = contacts_by_ref.contact_id
    left join contacts_by_email
        on directory_contact.email = contacts_by_email.email
    group by directory_contact.qualtrics_contact_id

)

select * from final
