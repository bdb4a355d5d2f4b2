-- crm.opportunities from Salesforce Opportunity. Opportunity.Type maps to opportunity_type through
-- engagement__salesforce_opportunity_types; a type the mapping does not know is rejected as unmapped_value (the
-- column is required). CloseDate is a close only once the opportunity is closed (before, it is a forecast).
{{ config(enabled=connector_is_used('salesforce')) }}
{%- set opportunity_relation = source('salesforce', 'opportunity') %}
{%- set columns = landed_columns(opportunity_relation) %}
{{- require_landed_table(columns, 'salesforce', 'opportunity', opportunity_relation) }}
{%- set types = var('engagement__salesforce_opportunity_types') %}
{%- set landed_type = landed_text(columns, 'type', 'opportunity') %}

with opportunity as (

    select * from {{ opportunity_relation }}

),

final as (

    select
        cast(opportunity.id as {{ dbt.type_string() }}) as opportunity_id,
        cast(opportunity.account_id as {{ dbt.type_string() }}) as account_id,
        {{ picklist_value(landed_type, types) }} as opportunity_type,
        {{ landed_text(columns, 'amount', 'opportunity') }} as amount,
        {{ landed_text(columns, 'stage_name', 'opportunity') }} as stage,  -- noqa: RF04
        {{ landed_text(columns, 'is_won', 'opportunity') }} as is_won,
        {{ landed_text(columns, 'is_closed', 'opportunity') }} as is_closed,
        {{ landed_text(columns, 'created_date', 'opportunity') }} as created_at,
        case
            when {{ landed_is_true(columns, 'is_closed', 'opportunity') }}
                then {{ landed_text(columns, 'close_date', 'opportunity') }}
        end as closed_at,
        {{ first_of(
            landed_deleted_checks(columns, 'opportunity', ["'salesforce Opportunity '", id_text('opportunity.id')])
            + [picklist_unmapped_check(landed_type, types, ["'salesforce Opportunity '", id_text('opportunity.id'),
                "' Type'"], 'opportunity_type', 'engagement__salesforce_opportunity_types')]
        ) }} as dq_connector_reason,
        cast(null as {{ dbt.type_string() }}) as dq_connector_flag
    from opportunity

)

select * from final
