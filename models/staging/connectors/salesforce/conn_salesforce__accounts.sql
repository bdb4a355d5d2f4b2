-- crm.accounts from Salesforce Account: the Account Id is the project's account_id. Fields Salesforce has no
-- standard for (region, segment, customer_since, churned_at, annual_contract_value) come from the fields named in
-- engagement__salesforce_account_fields. An org with no customer-since field at all: an account is a customer since
-- its first won opportunity (an empty value in a field that exists stays empty: the account is rejected, visibly).
-- Deleted accounts are kept here with their reason, so data quality counts them.
{{ config(enabled=connector_is_used('salesforce')) }}
{%- set account_relation = source('salesforce', 'account') %}
{%- set opportunity_relation = source('salesforce', 'opportunity') %}
{%- set columns = landed_columns(account_relation) %}
{%- set opportunity_columns = landed_columns(opportunity_relation) %}
{{- require_landed_table(columns, 'salesforce', 'account', account_relation) }}
{{- require_landed_table(opportunity_columns, 'salesforce', 'opportunity', opportunity_relation) }}
{%- set fields = var('engagement__salesforce_account_fields') %}
{%- set has_customer_since = (columns or {}).get((fields.get('customer_since') or '') | lower) or not execute %}

with account as (

    select * from {{ account_relation }}

),

opportunity as (

    select * from {{ opportunity_relation }}

),

first_won_opportunity as (

    -- fallback for customer_since: the close date of the account's first won, not deleted opportunity
    select
        cast(opportunity.account_id as {{ dbt.type_string() }}) as account_id,
        min(opportunity.close_date) as first_won_on
    from opportunity
    where
        {{ landed_is_true(opportunity_columns, 'is_won', 'opportunity') }}
        and not {{ landed_is_true(opportunity_columns, 'is_deleted', 'opportunity') }}
        and not {{ landed_is_true(opportunity_columns, '_fivetran_deleted', 'opportunity') }}
    group by cast(opportunity.account_id as {{ dbt.type_string() }})

),

final as (

    select
        cast(account.id as {{ dbt.type_string() }}) as account_id,
        cast(account.name as {{ dbt.type_string() }}) as account_name,
        cast(account.parent_id as {{ dbt.type_string() }}) as parent_account_id,
        cast(account.owner_id as {{ dbt.type_string() }}) as manager_id,
        {{ landed_text(columns, 'industry', 'account') }} as industry,
        {{ landed_text(columns, fields.get('region'), 'account') }} as region,
        {{ landed_text(columns, fields.get('segment'), 'account') }} as segment,
        {%- if has_customer_since %}
        {{ landed_text(columns, fields.get('customer_since'), 'account') }} as customer_since,
        {%- else %}
        cast(first_won_opportunity.first_won_on as {{ dbt.type_string() }}) as customer_since,
        {%- endif %}
        {{ landed_text(columns, fields.get('churned_at'), 'account') }} as churned_at,
        {{ landed_text(columns, fields.get('annual_contract_value'), 'account') }} as annual_contract_value,
        {{ landed_text(columns, 'last_modified_date', 'account') }} as updated_at,
        {{ first_of(landed_deleted_checks(columns, 'account', ["'salesforce Account '", id_text('account.id')])) }}
            as dq_connector_reason,
        cast(null as {{ dbt.type_string() }}) as dq_connector_flag
    from account
    left join first_won_opportunity
        on cast(account.id as {{ dbt.type_string() }}) = first_won_opportunity.account_id

)

select * from final
