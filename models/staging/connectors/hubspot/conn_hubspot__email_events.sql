-- marketing.email_events from HubSpot email events. HubSpot names the recipient by e-mail address only: the
-- contact is the CRM contact (stg_crm__contacts, whichever connector feeds the CRM) with that address, the
-- lowest id when several share it; an address no contact has is rejected as unmatched_identity. The event type
-- maps through engagement__hubspot_email_event_types (an unmapped type, e.g. PROCESSED, is rejected as
-- unmapped_value); the campaign is the event's email_campaign_id.
{{ config(enabled=source_connector('marketing') == 'hubspot' and source_is_used('marketing')) }}
{%- set event_relation = source('hubspot', 'email_event') %}
{%- set columns = landed_columns(event_relation) %}
{{- require_landed_table(columns, 'hubspot', 'email_event', event_relation) }}
{%- set types = var('engagement__hubspot_email_event_types') %}
{%- set event_type = landed_text(columns, 'type', 'email_event') %}
{%- set recipient = landed_text(columns, 'recipient', 'email_event') %}
{%- set what = ["'hubspot email event '", id_text('email_event.id')] %}

with email_event as (

    select * from {{ event_relation }}

),

contacts_by_email as (

    select * from {{ ref('conn_crm_contacts_by_email') }}

),

final as (

    select
        cast(email_event.id as {{ dbt.type_string() }}) as email_event_id,
        contacts_by_email.contact_id,
        {{ landed_text(columns, 'email_campaign_id', 'email_event') }} as campaign_id,
        {{ picklist_value(event_type, types) }} as event_type,
        {{ landed_text(columns, 'created', 'email_event') }} as occurred_at,
        {{ first_of(
            landed_deleted_checks(columns, 'email_event', what)
            + [unmatched_identity_check('nullif(trim(' ~ recipient ~ "), '')", 'contacts_by_email.contact_id', what,
                'recipient', 'contact (by e-mail)')]
            + [picklist_unmapped_check(event_type, types, what + ["' type'"], 'event_type',
                'engagement__hubspot_email_event_types')]
        ) }} as dq_connector_reason,
        cast(null as {{ dbt.type_string() }}) as dq_connector_flag
    from email_event
    left join contacts_by_email
        on lower(trim({{ recipient }})) = contacts_by_email.email

)

select * from final
