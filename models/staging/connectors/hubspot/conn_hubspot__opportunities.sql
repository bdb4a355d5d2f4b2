-- crm.opportunities from HubSpot deals: the deal's company (deal_company; the lowest company id when a deal has
-- several) is the account, its pipeline stage (deal_pipeline_stage) gives the stage name and whether it is
-- closed and won. HubSpot fills a close date on open deals too (the expected one): it is read only once the deal
-- is closed. The deal type maps to opportunity_type through engagement__hubspot_deal_types; an unmapped type
-- is rejected as unmapped_value. Deleted deals are kept with their reason.
{{ config(enabled=source_connector('crm') == 'hubspot') }}
{%- set deal_relation = source('hubspot', 'deal') %}
{%- set stage_relation = source('hubspot', 'deal_pipeline_stage') %}
{%- set deal_company_relation = source('hubspot', 'deal_company') %}
{%- set columns = landed_columns(deal_relation) %}
{%- set stage_columns = landed_columns(stage_relation) %}
{%- set deal_company_columns = landed_columns(deal_company_relation) %}
{{- require_landed_table(columns, 'hubspot', 'deal', deal_relation) }}
{{- require_landed_table(stage_columns, 'hubspot', 'deal_pipeline_stage', stage_relation) }}
{{- require_landed_table(deal_company_columns, 'hubspot', 'deal_company', deal_company_relation) }}
{%- set types = var('engagement__hubspot_deal_types') %}
{%- set deal_type = landed_text(columns, 'property_dealtype', 'deal') %}
{%- set is_closed = landed_is_true(stage_columns, 'is_closed', 'deal_stage') %}
{%- set deal_stage_id = landed_text(columns, 'deal_pipeline_stage_id', 'deal') %}
{%- set deal_pipeline_id = landed_text(columns, 'deal_pipeline_id', 'deal') %}

with deal as (

    select * from {{ deal_relation }}

),

deal_stage as (

    select * from {{ stage_relation }}

),

deal_company as (

    -- one company per deal
    select
        cast(deal_id as {{ dbt.type_string() }}) as deal_id,
        min(cast(company_id as {{ dbt.type_string() }})) as company_id
    from {{ deal_company_relation }}
    group by cast(deal_id as {{ dbt.type_string() }})

),

company_accounts as (

    select * from {{ ref('conn_hubspot__company_accounts') }}

),

final as (

    select
        cast(deal.deal_id as {{ dbt.type_string() }}) as opportunity_id,
        company_accounts.account_id,
        {{ picklist_value(deal_type, types) }} as opportunity_type,
        {{ landed_text(columns, 'property_amount', 'deal') }} as amount,
        -- the contract's column name, a keyword to the linter
        {{ landed_text(stage_columns, 'label', 'deal_stage') }} as stage,  -- noqa: RF04
        -- won or lost once closed; an open deal is neither
        case
            when {{ is_closed }} then {{ landed_text(stage_columns, 'closed_won', 'deal_stage') }}
        end as is_won,
        case
            when deal_stage.stage_id is not null then cast({{ is_closed }} as {{ dbt.type_string() }})
        end as is_closed,
        {{ landed_text(columns, 'property_createdate', 'deal') }} as created_at,
        case when {{ is_closed }} then {{ landed_text(columns, 'property_closedate', 'deal') }} end as closed_at,
        {{ first_of(
            landed_deleted_checks(columns, 'deal', ["'hubspot deal '", id_text('deal.deal_id')])
            + [unmatched_identity_check('deal_company.company_id', 'company_accounts.account_id',
                ["'hubspot deal '", id_text('deal.deal_id')], 'hubspot company')]
            + [picklist_unmapped_check(deal_type, types, ["'hubspot deal '", id_text('deal.deal_id'), "' dealtype'"],
                'opportunity_type', 'engagement__hubspot_deal_types')]
        ) }} as dq_connector_reason,
        cast(null as {{ dbt.type_string() }}) as dq_connector_flag
    from deal
    left join deal_stage
        on
            cast(deal_stage.stage_id as {{ dbt.type_string() }}) = {{ deal_stage_id }}
            {%- if columns and columns.get('deal_pipeline_id') and stage_columns.get('pipeline_id') %}
            -- stage ids are unique within a pipeline
            and cast(deal_stage.pipeline_id as {{ dbt.type_string() }}) = {{ deal_pipeline_id }}
            {%- endif %}
    left join deal_company
        on cast(deal.deal_id as {{ dbt.type_string() }}) = deal_company.deal_id
    left join company_accounts
        on deal_company.company_id = company_accounts.company_id

)

select * from final
