-- crm.managers from Salesforce User: the users who own accounts, with their manager (User.ManagerId) as the
-- reporting line. Team and region come from the fields named in engagement__salesforce_user_fields.
{{ config(enabled=connector_is_used('salesforce')) }}
{%- set user_relation = source('salesforce', 'user') %}
{%- set columns = landed_columns(user_relation) %}
{{- require_landed_table(columns, 'salesforce', 'user', user_relation) }}
{%- set fields = var('engagement__salesforce_user_fields') %}

with salesforce_user as (

    select * from {{ user_relation }}

),

final as (

    select
        cast(salesforce_user.id as {{ dbt.type_string() }}) as manager_id,
        {%- if (columns or {}).get('name') or not execute %}
        cast(salesforce_user.name as {{ dbt.type_string() }}) as manager_name,
        {%- else %}
        {{ dbt.concat([landed_text(columns, 'first_name', 'salesforce_user'), "' '",
            landed_text(columns, 'last_name', 'salesforce_user')]) }} as manager_name,
        {%- endif %}
        {{ landed_text(columns, 'email', 'salesforce_user') }} as email,
        {{ landed_text(columns, fields.get('team'), 'salesforce_user') }} as team,
        {{ landed_text(columns, fields.get('region'), 'salesforce_user') }} as region,
        {{ landed_text(columns, 'manager_id', 'salesforce_user') }} as reports_to_manager_id,
        {{ landed_text(columns, 'is_active', 'salesforce_user') }} as is_active,
        {{ first_of(landed_deleted_checks(columns, 'salesforce_user', ["'salesforce User '", id_text('salesforce_user.id')])) }}
            as dq_connector_reason,
        cast(null as {{ dbt.type_string() }}) as dq_connector_flag
    from salesforce_user

)

select * from final
