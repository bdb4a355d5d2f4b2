-- crm.activities from Salesforce Task and Event: a task occurred when it was completed (else on its due date,
-- else when logged), an event when it starts. Task/Event Type maps to activity_type through
-- engagement__salesforce_activity_types; an unmapped type (Call, Email unless you map them) is rejected as
-- unmapped_value, visible in data quality. who_id is the contact (a lead's id matches no contact).
{{ config(enabled=connector_is_used('salesforce')) }}
{%- set task_relation = source('salesforce', 'task') %}
{%- set event_relation = source('salesforce', 'event') %}
{%- set task_columns = landed_columns(task_relation) %}
{%- set event_columns = landed_columns(event_relation) %}
{{- require_landed_table(task_columns, 'salesforce', 'task', task_relation) }}
{{- require_landed_table(event_columns, 'salesforce', 'event', event_relation) }}
{%- set types = var('engagement__salesforce_activity_types') %}
{%- set task_type = landed_text(task_columns, 'type', 'task') %}
{%- set event_type = landed_text(event_columns, 'type', 'event') %}

with task as (

    select * from {{ task_relation }}

),

event as (

    select * from {{ event_relation }}

),

task_activities as (

    select
        cast(task.id as {{ dbt.type_string() }}) as activity_id,
        {{ landed_text(task_columns, 'account_id', 'task') }} as account_id,
        {{ landed_text(task_columns, 'who_id', 'task') }} as contact_id,
        {{ picklist_value(task_type, types) }} as activity_type,
        coalesce(
            {{ landed_text(task_columns, 'completed_date_time', 'task') }},
            {{ landed_text(task_columns, 'activity_date', 'task') }},
            {{ landed_text(task_columns, 'created_date', 'task') }}
        ) as occurred_at,
        {{ first_of(
            landed_deleted_checks(task_columns, 'task', ["'salesforce Task '", id_text('task.id')])
            + [picklist_unmapped_check(task_type, types, ["'salesforce Task '", id_text('task.id'), "' Type'"],
                'activity_type', 'engagement__salesforce_activity_types')]
        ) }} as dq_connector_reason,
        cast(null as {{ dbt.type_string() }}) as dq_connector_flag
    from task

),

event_activities as (

    select
        cast(event.id as {{ dbt.type_string() }}) as activity_id,
        {{ landed_text(event_columns, 'account_id', 'event') }} as account_id,
        {{ landed_text(event_columns, 'who_id', 'event') }} as contact_id,
        {{ picklist_value(event_type, types) }} as activity_type,
        coalesce(
            {{ landed_text(event_columns, 'start_date_time', 'event') }},
            {{ landed_text(event_columns, 'activity_date_time', 'event') }},
            {{ landed_text(event_columns, 'activity_date', 'event') }}
        ) as occurred_at,
        {{ first_of(
            landed_deleted_checks(event_columns, 'event', ["'salesforce Event '", id_text('event.id')])
            + [picklist_unmapped_check(event_type, types, ["'salesforce Event '", id_text('event.id'), "' Type'"],
                'activity_type', 'engagement__salesforce_activity_types')]
        ) }} as dq_connector_reason,
        cast(null as {{ dbt.type_string() }}) as dq_connector_flag
    from event

),

unioned as (

    select * from task_activities
    union all
    select * from event_activities

)

select * from unioned
