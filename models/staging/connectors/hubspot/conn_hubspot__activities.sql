-- crm.activities from HubSpot engagements. The activity type is the meeting's or call's "call and meeting type"
-- (hs_activity_type, engagement__hubspot_activity_types) when set, else the engagement type
-- (engagement__hubspot_engagement_types: meetings and calls by default). A value neither maps, e.g. a NOTE or a
-- TASK, is rejected as unmapped_value, visible in data quality. The company (engagement_company; the lowest id
-- when several) is the account, the contact (engagement_contact; likewise) the contact. An archived engagement
-- (active false) or a deleted meeting or call is rejected as deleted_in_source.
{{ config(enabled=source_connector('crm') == 'hubspot') }}
{%- set engagement_relation = source('hubspot', 'engagement') %}
{%- set columns = landed_columns(engagement_relation) %}
{{- require_landed_table(columns, 'hubspot', 'engagement', engagement_relation) }}
{%- set company_relation = source('hubspot', 'engagement_company') %}
{%- set contact_relation = source('hubspot', 'engagement_contact') %}
{{- require_landed_table(landed_columns(company_relation), 'hubspot', 'engagement_company', company_relation) }}
{{- require_landed_table(landed_columns(contact_relation), 'hubspot', 'engagement_contact', contact_relation) }}
{#- meeting and call details are optional: a portal that logs no calls may not land engagement_call -#}
{%- set details = [] %}
{%- for table_name in ['engagement_meeting', 'engagement_call'] %}
    {%- set relation = source('hubspot', table_name) %}
    {%- set detail_columns = landed_columns(relation) %}
    {%- if detail_columns or not execute %}
        {%- do details.append({'name': table_name, 'relation': relation, 'columns': detail_columns or {}}) %}
    {%- endif %}
{%- endfor %}
{%- set activity_types = var('engagement__hubspot_activity_types') %}
{%- set engagement_types = var('engagement__hubspot_engagement_types') %}
{%- set what = ["'hubspot engagement '", id_text('engagement.id')] %}

with engagement as (

    select * from {{ engagement_relation }}

),

engagement_details as (

    -- the call-and-meeting type, time and deletion of meetings and calls, one row per engagement
    {%- for detail in details %}
    select
        cast(engagement_id as {{ dbt.type_string() }}) as engagement_id,
        {{ landed_text(detail.columns, 'property_hs_activity_type', detail.name) }} as hs_activity_type,
        {{ landed_text(detail.columns, 'property_hs_timestamp', detail.name) }} as occurred_at,
        {{ landed_is_true(detail.columns, '_fivetran_deleted', detail.name) }} as is_deleted
    from {{ detail.relation }} as {{ detail.name }}
    {% if not loop.last %}union all{% endif %}
    {%- else %}
    select
        cast(null as {{ dbt.type_string() }}) as engagement_id,
        cast(null as {{ dbt.type_string() }}) as hs_activity_type,
        cast(null as {{ dbt.type_string() }}) as occurred_at,
        false as is_deleted
    from (select 1 as no_row) as no_details
    where 1 = 0
    {%- endfor %}

),

engagement_company as (

    select
        cast(engagement_id as {{ dbt.type_string() }}) as engagement_id,
        min(cast(company_id as {{ dbt.type_string() }})) as company_id
    from {{ company_relation }}
    group by cast(engagement_id as {{ dbt.type_string() }})

),

engagement_contact as (

    select
        cast(engagement_id as {{ dbt.type_string() }}) as engagement_id,
        min(cast(contact_id as {{ dbt.type_string() }})) as contact_id
    from {{ contact_relation }}
    group by cast(engagement_id as {{ dbt.type_string() }})

),

company_accounts as (

    select * from {{ ref('conn_hubspot__company_accounts') }}

),

typed as (

    select
        engagement.*,
        nullif(trim(engagement_details.hs_activity_type), '') as hs_activity_type,
        -- the engagement type decides only where no call-and-meeting type is set
        case when nullif(trim(engagement_details.hs_activity_type), '') is null
            then {{ landed_text(columns, 'type', 'engagement') }} end as type_read,
        engagement_details.occurred_at as detail_occurred_at,
        coalesce(engagement_details.is_deleted, false) as is_detail_deleted,
        engagement_company.company_id,
        company_accounts.account_id as matched_account_id,
        engagement_contact.contact_id as matched_contact_id
    from engagement
    left join engagement_details
        on cast(engagement.id as {{ dbt.type_string() }}) = engagement_details.engagement_id
    left join engagement_company
        on cast(engagement.id as {{ dbt.type_string() }}) = engagement_company.engagement_id
    left join company_accounts
        on engagement_company.company_id = company_accounts.company_id
    left join engagement_contact
        on cast(engagement.id as {{ dbt.type_string() }}) = engagement_contact.engagement_id

),

final as (

    select
        cast(engagement.id as {{ dbt.type_string() }}) as activity_id,
        engagement.matched_account_id as account_id,
        engagement.matched_contact_id as contact_id,
        coalesce(
            {{ picklist_value('engagement.hs_activity_type', activity_types) }},
            {{ picklist_value('engagement.type_read', engagement_types) }}
        ) as activity_type,
        coalesce(engagement.detail_occurred_at, {{ landed_text(columns, 'timestamp', 'engagement') }}) as occurred_at,
        {{ first_of(
            ["when not coalesce(lower(" ~ landed_text(columns, 'active', 'engagement') ~ ") in ('true', 't', '1'), true) then "
                ~ dbt.concat(["'deleted_in_source: '"] + what + ["' is archived (active = false)'"])]
            + ["when engagement.is_detail_deleted then "
                ~ dbt.concat(["'deleted_in_source: '"] + what + ["' is deleted (_fivetran_deleted)'"])]
            + [unmatched_identity_check('engagement.company_id', 'engagement.matched_account_id', what, 'hubspot company')]
            + [picklist_unmapped_check('engagement.hs_activity_type', activity_types,
                what + ["' call and meeting type'"], 'activity_type', 'engagement__hubspot_activity_types')]
            + [picklist_unmapped_check('engagement.type_read', engagement_types,
                what + ["' type'"], 'activity_type', 'engagement__hubspot_engagement_types')]
        ) }} as dq_connector_reason,
        cast(null as {{ dbt.type_string() }}) as dq_connector_flag
    from typed as engagement

)

select * from final
