-- support.cases from Zendesk Support tickets.
-- Account: the ticket's organization (else its requester's): the identity map (source_system `zendesk`) first,
-- then organization.external_id, which carries the CRM account id; neither -> unmatched_identity.
-- Contact: the requester's external_id (the CRM contact id), else the CRM contact with the requester's e-mail;
-- neither -> the case is kept without a contact and flagged.
-- Closed: the last change of status to solved or closed (ticket_field_history); without that table, the ticket's
-- updated_at once it is solved or closed. Escalated: an escalation tag. csat_score: the latest satisfaction rating.
{{ config(enabled=connector_is_used('zendesk')) }}
{%- set ticket_relation = source('zendesk', 'ticket') %}
{%- set organization_relation = source('zendesk', 'organization') %}
{%- set user_relation = source('zendesk', 'user') %}
{%- set history_relation = source('zendesk', 'ticket_field_history') %}
{%- set tag_relation = source('zendesk', 'ticket_tag') %}
{%- set rating_relation = source('zendesk', 'satisfaction_rating') %}
{%- set ticket_columns = landed_columns(ticket_relation) %}
{%- set organization_columns = landed_columns(organization_relation) %}
{%- set user_columns = landed_columns(user_relation) %}
{%- set history_columns = landed_columns(history_relation) %}
{%- set tag_columns = landed_columns(tag_relation) %}
{%- set rating_columns = landed_columns(rating_relation) %}
{{- require_landed_table(ticket_columns, 'zendesk', 'ticket', ticket_relation) }}
{{- require_landed_table(organization_columns, 'zendesk', 'organization', organization_relation) }}
{{- require_landed_table(user_columns, 'zendesk', 'user', user_relation) }}
{%- set has_history = history_columns is not none or not execute %}
{%- set has_tags = tag_columns is not none or not execute %}
{%- set has_ratings = rating_columns is not none or not execute %}
{%- set priorities = var('engagement__zendesk_priorities') %}
{%- set scores = var('engagement__zendesk_satisfaction_scores') %}
{%- set escalation_tags = var('engagement__zendesk_escalation_tags') %}
{%- set quoted_tags = [] %}
{%- for tag in escalation_tags or [''] %}{% do quoted_tags.append(sql_text_literal(tag | lower)) %}{% endfor %}
{%- set escalation_tag_list = quoted_tags | join(', ') %}
{%- set text = dbt.type_string() %}
{%- set ticket_priority = landed_text(ticket_columns, 'priority', 'ticket') %}

with ticket as (

    select * from {{ ticket_relation }}

),

organization as (

    select
        cast(organization.id as {{ text }}) as organization_id,
        nullif(trim({{ landed_text(organization_columns, 'external_id', 'organization') }}), '') as external_id
    from {{ organization_relation }} as organization

),

requester as (

    select
        cast(zendesk_user.id as {{ text }}) as user_id,
        nullif(trim({{ landed_text(user_columns, 'external_id', 'zendesk_user') }}), '') as external_id,
        lower(trim({{ landed_text(user_columns, 'email', 'zendesk_user') }})) as email,
        {{ landed_text(user_columns, 'organization_id', 'zendesk_user') }} as organization_id
    from {{ user_relation }} as zendesk_user

),

identity_map as (

    select
        external_id,
        account_id
    from {{ ref('conn_identity_map') }}
    where source_system = 'zendesk'

),

crm_contacts_by_email as (

    -- one CRM contact per e-mail (two contacts sharing one: the smallest id, docs/connectors.md)
    select * from {{ ref('conn_crm_contacts_by_email') }}

),

{% if has_history -%}
closed_times as (

    select
        cast(ticket_id as {{ text }}) as ticket_id,
        max(updated) as closed_at
    from {{ history_relation }}
    where field_name = 'status' and lower(value) in ('solved', 'closed')
    group by cast(ticket_id as {{ text }})

),
{%- endif %}

escalated_tickets as (

    {% if has_tags -%}
    select distinct cast(ticket_id as {{ text }}) as ticket_id
    from {{ tag_relation }}
    where lower(tag) in ({{ escalation_tag_list }})
    {%- else -%}
    -- no tags landed: no ticket is known to be escalated
    select cast(null as {{ text }}) as ticket_id
    from (select 1 as no_row) as no_tag_table
    where 1 = 0
    {%- endif %}

),

latest_ratings as (

    {% if has_ratings -%}
    select
        ticket_id,
        score,
        case
            when score in ('offered', 'unoffered') then null
            {%- for label, value in scores.items() %}
            when score = {{ sql_text_literal(label | string | lower) }} then {{ sql_text_literal(value) }}
            {%- endfor %}
            else cast({{ engagement.safe_cast('score', dbt.type_int()) }} as {{ text }})
        end as csat_score
    from (
        select
            cast(satisfaction_rating.ticket_id as {{ text }}) as ticket_id,
            trim(lower(cast(satisfaction_rating.score as {{ text }}))) as score,
            row_number() over (
                partition by satisfaction_rating.ticket_id
                order by
                    {{ landed_text(rating_columns, 'updated_at', 'satisfaction_rating') }} desc,
                    {{ landed_text(rating_columns, 'created_at', 'satisfaction_rating') }} desc,
                    cast(satisfaction_rating.id as {{ text }}) desc
            ) as recency
        from {{ rating_relation }} as satisfaction_rating
        where not {{ landed_is_true(rating_columns, '_fivetran_deleted', 'satisfaction_rating') }}
    ) as ratings_ordered
    where recency = 1
    {%- else -%}
    -- no satisfaction ratings landed: no case is rated
    select
        cast(null as {{ text }}) as ticket_id,
        cast(null as {{ text }}) as score,
        cast(null as {{ text }}) as csat_score
    from (select 1 as no_row) as no_rating_table
    where 1 = 0
    {%- endif %}

),

ticket_parties as (

    -- the ticket with its requester, and the organization it belongs to (else its requester's)
    select
        ticket.*,
        ticket_requester.user_id as requester_user_id,
        ticket_requester.external_id as requester_external_id,
        ticket_requester.email as requester_email,
        coalesce({{ landed_text(ticket_columns, 'organization_id', 'ticket') }}, ticket_requester.organization_id)
            as organization_key
    from ticket
    left join requester as ticket_requester
        on {{ landed_text(ticket_columns, 'requester_id', 'ticket') }} = ticket_requester.user_id

),

tickets_matched as (

    select
        cast(ticket.id as {{ text }}) as case_id,
        coalesce(organization_map.account_id, organization.external_id) as account_id,
        coalesce(ticket.requester_external_id, crm_contact.contact_id) as contact_id,
        cast(ticket.created_at as {{ text }}) as opened_at,
        {%- if has_history %}
        cast(closed_times.closed_at as {{ text }}) as closed_at,
        {%- else %}
        -- no status history landed: a solved or closed ticket row closed when it was last updated (its own
        -- time: joined by ticket id, a ticket id landed twice would repeat both its rows)
        case
            when lower({{ landed_text(ticket_columns, 'status', 'ticket') }}) in ('solved', 'closed')
                then {{ landed_text(ticket_columns, 'updated_at', 'ticket') }}
        end as closed_at,
        {%- endif %}
        {{ picklist_value(ticket_priority, priorities) }} as priority,
        {{ landed_text(ticket_columns, 'status', 'ticket') }} as status,
        {{ landed_text(ticket_columns, 'via_channel', 'ticket') }} as channel,
        {{ landed_text(ticket_columns, var('engagement__zendesk_category_field'), 'ticket') }} as category,
        escalated_tickets.ticket_id is not null as is_escalated,
        latest_ratings.csat_score,
        latest_ratings.score as rating_label,
        ticket.organization_key as organization_id,
        ticket.requester_user_id as requester_id,
        ticket.requester_email,
        {{ landed_text(ticket_columns, 'status', 'ticket') }} as zendesk_status,
        {{ ticket_priority }} as zendesk_priority,
        {{ landed_is_true(ticket_columns, '_fivetran_deleted', 'ticket') }} as is_fivetran_deleted
    from ticket_parties as ticket
    left join organization
        on ticket.organization_key = organization.organization_id
    left join identity_map as organization_map
        on organization.organization_id = organization_map.external_id
    left join crm_contacts_by_email as crm_contact
        on ticket.requester_external_id is null and ticket.requester_email = crm_contact.email
    {%- if has_history %}
    left join closed_times
        on cast(ticket.id as {{ text }}) = closed_times.ticket_id
    {%- endif %}
    left join escalated_tickets
        on cast(ticket.id as {{ text }}) = escalated_tickets.ticket_id
    left join latest_ratings
        on cast(ticket.id as {{ text }}) = latest_ratings.ticket_id

),

final as (

    select
        case_id,
        account_id,
        contact_id,
        opened_at,
        closed_at,
        priority,
        status,
        channel,
        category,
        is_escalated,
        csat_score,
        case
            when is_fivetran_deleted
                then {{ dbt.concat(["'deleted_in_source: zendesk ticket '", id_text('case_id'),
                    "' is deleted (_fivetran_deleted)'"]) }}
            when lower(zendesk_status) = 'deleted'
                then {{ dbt.concat(["'deleted_in_source: zendesk ticket '", id_text('case_id'),
                    "' is deleted (status deleted)'"]) }}
            when organization_id is null
                then {{ dbt.concat(["'unmatched_identity: zendesk ticket '", id_text('case_id'),
                    "' has no organization (nor has its requester)'"]) }}
            when account_id is null
                then {{ dbt.concat(["'unmatched_identity: zendesk ticket '", id_text('case_id'), "': organization '",
                    'organization_id', "' matches no account (no external_id, not in the identity map)'"]) }}
        end as dq_connector_reason,
        case
            {{ picklist_unmapped_check('zendesk_priority', priorities, ["'zendesk ticket '", id_text('case_id'),
                "' priority'"], 'priority', 'engagement__zendesk_priorities') }}
            when rating_label is not null and rating_label not in ('offered', 'unoffered') and csat_score is null
                then {{ dbt.concat(["'unmapped_value: zendesk ticket '", id_text('case_id'), "' satisfaction score = '",
                    'chr(39)', 'rating_label', 'chr(39)', "' has no csat_score mapping (engagement__zendesk_satisfaction_scores)'"]) }}
            when requester_id is not null and contact_id is null
                then {{ dbt.concat(["'unmatched_identity: zendesk user '", 'requester_id', "' ('",
                    "coalesce(requester_email, '(no e-mail)')",
                    "') matches no CRM contact; the case is kept without a contact'"]) }}
        end as dq_connector_flag
    from tickets_matched

)

select * from final
