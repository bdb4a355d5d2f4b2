-- crm.managers from HubSpot owners (the users companies are assigned to). HubSpot holds no team, region or
-- reporting line for its users: with engagement__hubspot_owner_attributes, a small table you keep
-- (owner_attributes: owner_id, team, region, reports_to_owner_id) supplies them; else they stay empty, and each
-- manager is a top-level manager of their own (docs/connectors.md says what that costs).
{{ config(enabled=source_connector('crm') == 'hubspot') }}
{%- set owner_relation = source('hubspot', 'owner') %}
{%- set columns = landed_columns(owner_relation) %}
{{- require_landed_table(columns, 'hubspot', 'owner', owner_relation) }}
{%- set reads_attributes = var('engagement__hubspot_owner_attributes') | string | lower == 'true' %}
{%- if reads_attributes %}
{%- set attributes_relation = source('hubspot', 'owner_attributes') %}
{%- set attribute_columns = landed_columns(attributes_relation) %}
{{- require_landed_table(attribute_columns, 'hubspot', 'owner_attributes', attributes_relation) }}
{%- endif %}
{%- set first_name = 'coalesce(' ~ landed_text(columns, 'first_name', 'owner') ~ ", '')" %}
{%- set last_name = 'coalesce(' ~ landed_text(columns, 'last_name', 'owner') ~ ", '')" %}

with owner as (

    select * from {{ owner_relation }}

),

{% if reads_attributes -%}
owner_attributes as (

    select
        cast(owner_id as {{ dbt.type_string() }}) as owner_id,
        {{ landed_text(attribute_columns, 'team', 'owner_attributes') }} as team,
        {{ landed_text(attribute_columns, 'region', 'owner_attributes') }} as region,
        {{ landed_text(attribute_columns, 'reports_to_owner_id', 'owner_attributes') }} as reports_to_owner_id
    from {{ attributes_relation }} as owner_attributes

),

{% endif -%}
final as (

    select
        cast(owner.owner_id as {{ dbt.type_string() }}) as manager_id,
        -- first and last name; neither (an owner without a name) is a missing name the base model rejects
        nullif(trim({{ dbt.concat([first_name, "' '", last_name]) }}), '') as manager_name,
        {{ landed_text(columns, 'email', 'owner') }} as email,
        {%- if reads_attributes %}
        owner_attributes.team,
        owner_attributes.region,
        owner_attributes.reports_to_owner_id as reports_to_manager_id,
        {%- else %}
        cast(null as {{ dbt.type_string() }}) as team,
        cast(null as {{ dbt.type_string() }}) as region,
        cast(null as {{ dbt.type_string() }}) as reports_to_manager_id,
        {%- endif %}
        {{ landed_text(columns, 'is_active', 'owner') }} as is_active,
        {{ first_of(landed_deleted_checks(columns, 'owner', ["'hubspot owner '", id_text('owner.owner_id')])) }}
            as dq_connector_reason,
        cast(null as {{ dbt.type_string() }}) as dq_connector_flag
    from owner
    {% if reads_attributes -%}
    left join owner_attributes
        on cast(owner.owner_id as {{ dbt.type_string() }}) = owner_attributes.owner_id
    {%- endif %}

)

select * from final
