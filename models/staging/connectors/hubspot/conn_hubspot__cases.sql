-- support.cases from HubSpot tickets: the ticket's company (ticket_company; the lowest id when several) is the
-- account, resolved by conn_hubspot__company_accounts (a company no account stands for: unmatched_identity); its
-- pipeline stage's label (ticket_pipeline_stage) is the status. The contact: with HubSpot as the CRM, the
-- ticket's contact id; with another CRM, the CRM contact with the HubSpot contact's e-mail (none: the contact is
-- left empty and flagged unmatched_identity, the case kept). Priority maps through
-- engagement__hubspot_ticket_priorities (unmapped: read as null, flagged). Channel, escalation and CSAT come from
-- the properties named in engagement__hubspot_properties. Deleted tickets are kept with their reason.
{{ config(enabled=source_connector('support') == 'hubspot' and source_is_used('support')) }}
{%- set crm_is_hubspot = source_connector('crm') == 'hubspot' %}
{%- set ticket_relation = source('hubspot', 'ticket') %}
{%- set stage_relation = source('hubspot', 'ticket_pipeline_stage') %}
{%- set company_relation = source('hubspot', 'ticket_company') %}
{%- set contact_relation = source('hubspot', 'ticket_contact') %}
{%- set columns = landed_columns(ticket_relation) %}
{%- set stage_columns = landed_columns(stage_relation) %}
{{- require_landed_table(columns, 'hubspot', 'ticket', ticket_relation) }}
{{- require_landed_table(stage_columns, 'hubspot', 'ticket_pipeline_stage', stage_relation) }}
{{- require_landed_table(landed_columns(company_relation), 'hubspot', 'ticket_company', company_relation) }}
{{- require_landed_table(landed_columns(contact_relation), 'hubspot', 'ticket_contact', contact_relation) }}
{%- if not crm_is_hubspot %}
{%- set hubspot_contact_relation = source('hubspot', 'contact') %}
{%- set hubspot_contact_columns = landed_columns(hubspot_contact_relation) %}
{{- require_landed_table(hubspot_contact_columns, 'hubspot', 'contact', hubspot_contact_relation) }}
{%- endif %}
{%- set properties = var('engagement__hubspot_properties') %}
{%- set priorities = var('engagement__hubspot_ticket_priorities') %}
{%- set priority = landed_text(columns, 'property_hs_ticket_priority', 'ticket') %}
{%- set what = ["'hubspot ticket '", id_text('ticket.id')] %}
{%- set ticket_stage_id = landed_text(columns, 'property_hs_pipeline_stage', 'ticket') %}

with ticket as (

    select * from {{ ticket_relation }}

),

ticket_stage as (

    select * from {{ stage_relation }}

),

ticket_company as (

    select
        cast(ticket_id as {{ dbt.type_string() }}) as ticket_id,
        min(cast(company_id as {{ dbt.type_string() }})) as company_id
    from {{ company_relation }}
    group by cast(ticket_id as {{ dbt.type_string() }})

),

ticket_contact as (

    select
        cast(ticket_id as {{ dbt.type_string() }}) as ticket_id,
        min(cast(contact_id as {{ dbt.type_string() }})) as hubspot_contact_id
    from {{ contact_relation }}
    group by cast(ticket_id as {{ dbt.type_string() }})

),

company_accounts as (

    select * from {{ ref('conn_hubspot__company_accounts') }}

),

contact_matches as (

    {%- if crm_is_hubspot %}
    -- HubSpot is the CRM: its contact ids are the contact ids (one row per contact: a contact with several
    -- tickets must not repeat each of them)
    select distinct
        hubspot_contact_id,
        hubspot_contact_id as contact_id
    from ticket_contact
    {%- else %}
    -- another CRM: the CRM contact with the HubSpot contact's e-mail (the lowest id when several share it)
    select
        cast(hubspot_contact.id as {{ dbt.type_string() }}) as hubspot_contact_id,
        min(contacts_by_email.contact_id) as contact_id
    from {{ hubspot_contact_relation }} as hubspot_contact
    inner join {{ ref('conn_crm_contacts_by_email') }} as contacts_by_email
        on lower(trim({{ landed_text(hubspot_contact_columns, 'property_email', 'hubspot_contact') }}))
            = contacts_by_email.email
    group by cast(hubspot_contact.id as {{ dbt.type_string() }})
    {%- endif %}

),

final as (

    select
        cast(ticket.id as {{ dbt.type_string() }}) as case_id,
        company_accounts.account_id,
        contact_matches.contact_id,
        {{ landed_text(columns, 'property_createdate', 'ticket') }} as opened_at,
        {{ landed_text(columns, 'property_closed_date', 'ticket') }} as closed_at,
        {{ picklist_value(priority, priorities) }} as priority,
        {{ landed_text(stage_columns, 'label', 'ticket_stage') }} as status,
        {{ landed_text(columns, properties.get('ticket_channel'), 'ticket') }} as channel,
        {{ landed_text(columns, 'property_hs_ticket_category', 'ticket') }} as category,
        {{ landed_text(columns, properties.get('ticket_is_escalated'), 'ticket') }} as is_escalated,
        -- a number property lands as a float: 4.0 is the score 4
        {{ landed_integer_text(columns, properties.get('ticket_csat_score'), 'ticket') }} as csat_score,
        {{ first_of(
            landed_deleted_checks(columns, 'ticket', what)
            + [unmatched_identity_check('ticket_company.company_id', 'company_accounts.account_id', what,
                'hubspot company')]
        ) }} as dq_connector_reason,
        {{ first_of(
            [picklist_unmapped_check(priority, priorities, what + ["' priority'"], 'priority',
                'engagement__hubspot_ticket_priorities')]
            + [unmatched_identity_check('ticket_contact.hubspot_contact_id', 'contact_matches.contact_id', what,
                'hubspot contact', 'CRM contact (by e-mail)')]
        ) }} as dq_connector_flag
    from ticket
    left join ticket_stage
        on cast(ticket_stage.stage_id as {{ dbt.type_string() }}) = {{ ticket_stage_id }}
    left join ticket_company
        on cast(ticket.id as {{ dbt.type_string() }}) = ticket_company.ticket_id
    left join company_accounts
        on ticket_company.company_id = company_accounts.company_id
    left join ticket_contact
        on cast(ticket.id as {{ dbt.type_string() }}) = ticket_contact.ticket_id
    left join contact_matches
        on ticket_contact.hubspot_contact_id = contact_matches.hubspot_contact_id

)

select * from final
