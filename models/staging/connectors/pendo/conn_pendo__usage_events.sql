-- product.usage_events from Pendo: a row of `event` (a visitor active in the product) is a login, a row of
-- `feature_event` a feature_use named by the feature's latest version (feature_history; a feature without a
-- name there is kept, its name empty and flagged). The visitor is the user. The account: Pendo's account id on
-- the event (else the visitor's latest account, when visitor_history is landed), matched to the CRM account
-- by the identity map (source_system 'pendo'), else by the Salesforce account field of the account's latest
-- version (engagement__pendo_salesforce_account_field), else, with engagement__pendo_account_id_is_crm_id, as
-- the id itself; an account none of them names is rejected as unmatched_identity. Pendo keeps no deleted events.
{{ config(enabled=source_connector('product') == 'pendo' and source_is_used('product')) }}
{%- set event_relation = source('pendo', 'event') %}
{%- set feature_event_relation = source('pendo', 'feature_event') %}
{%- set feature_relation = source('pendo', 'feature_history') %}
{%- set account_relation = source('pendo', 'account_history') %}
{%- set visitor_relation = source('pendo', 'visitor_history') %}
{%- set account_columns = landed_columns(account_relation) %}
{%- set visitor_columns = landed_columns(visitor_relation) %}
{{- require_landed_table(landed_columns(event_relation), 'pendo', 'event', event_relation) }}
{{- require_landed_table(landed_columns(feature_event_relation), 'pendo', 'feature_event', feature_event_relation) }}
{{- require_landed_table(landed_columns(feature_relation), 'pendo', 'feature_history', feature_relation) }}
{{- require_landed_table(account_columns, 'pendo', 'account_history', account_relation) }}
{%- set reads_visitors = visitor_columns is not none and execute %}
{%- set id_is_crm_id = var('engagement__pendo_account_id_is_crm_id') | string | lower == 'true' %}
{%- set what = ["'pendo event '", id_text('usage_event.event_id')] %}

with visits as (

    select
        cast(pendo_event._fivetran_id as {{ dbt.type_string() }}) as event_id,
        cast(pendo_event.account_id as {{ dbt.type_string() }}) as pendo_account_id,
        cast(pendo_event.visitor_id as {{ dbt.type_string() }}) as visitor_id,
        'login' as event_type,
        cast(null as {{ dbt.type_string() }}) as feature_id,
        cast(pendo_event.timestamp as {{ dbt.type_string() }}) as occurred_at
    from {{ event_relation }} as pendo_event

),

feature_uses as (

    select
        cast(pendo_feature_event._fivetran_id as {{ dbt.type_string() }}) as event_id,
        cast(pendo_feature_event.account_id as {{ dbt.type_string() }}) as pendo_account_id,
        cast(pendo_feature_event.visitor_id as {{ dbt.type_string() }}) as visitor_id,
        'feature_use' as event_type,
        cast(pendo_feature_event.feature_id as {{ dbt.type_string() }}) as feature_id,
        cast(pendo_feature_event.timestamp as {{ dbt.type_string() }}) as occurred_at
    from {{ feature_event_relation }} as pendo_feature_event

),

feature_names as (

    -- the latest version of each feature
    select
        feature_id,
        feature_name
    from (
        select
            cast(id as {{ dbt.type_string() }}) as feature_id,
            cast(name as {{ dbt.type_string() }}) as feature_name,
            row_number() over (partition by cast(id as {{ dbt.type_string() }}) order by last_updated_at desc) as version_rank
        from {{ feature_relation }}
    ) as versions
    where version_rank = 1

),

pendo_accounts as (

    -- the latest version of each account, and the Salesforce account id it carries
    select
        pendo_account_id,
        salesforce_account_id
    from (
        select
            cast(account_history.id as {{ dbt.type_string() }}) as pendo_account_id,
            nullif(trim({{ landed_text(account_columns, var('engagement__pendo_salesforce_account_field'),
                'account_history') }}), '') as salesforce_account_id,
            row_number() over (
                partition by cast(account_history.id as {{ dbt.type_string() }})
                order by account_history.last_updated_at desc
            ) as version_rank
        from {{ account_relation }} as account_history
    ) as versions
    where version_rank = 1

),

{% if reads_visitors -%}
visitor_accounts as (

    -- the latest account of each visitor, for an event that names none
    select
        visitor_id,
        pendo_account_id
    from (
        select
            cast(id as {{ dbt.type_string() }}) as visitor_id,
            cast(account_id as {{ dbt.type_string() }}) as pendo_account_id,
            row_number() over (partition by cast(id as {{ dbt.type_string() }}) order by last_updated_at desc) as version_rank
        from {{ visitor_relation }}
    ) as versions
    where version_rank = 1

),

{% endif -%}
identity_map as (

    select
        external_id,
        account_id
    from {{ ref('conn_identity_map') }}
    where source_system = 'pendo'

),

events as (

    select * from visits
    union all
    select * from feature_uses

),

accounted as (

    select
        events.event_id,
        events.visitor_id,
        events.event_type,
        events.feature_id,
        events.occurred_at,
        {%- if reads_visitors %}
        coalesce(events.pendo_account_id, visitor_accounts.pendo_account_id) as pendo_account_id
        {%- else %}
        events.pendo_account_id
        {%- endif %}
    from events
    {%- if reads_visitors %}
    left join visitor_accounts
        on events.visitor_id = visitor_accounts.visitor_id
    {%- endif %}

),

matched as (

    select
        accounted.*,
        coalesce(
            identity_map.account_id,
            pendo_accounts.salesforce_account_id
            {%- if id_is_crm_id %},
            -- Pendo's account ids are the CRM's (engagement__pendo_account_id_is_crm_id)
            accounted.pendo_account_id
            {%- endif %}
        ) as account_id,
        feature_names.feature_name
    from accounted
    left join identity_map
        on accounted.pendo_account_id = identity_map.external_id
    left join pendo_accounts
        on accounted.pendo_account_id = pendo_accounts.pendo_account_id
    left join feature_names
        on accounted.feature_id = feature_names.feature_id

),

final as (

    select
        usage_event.event_id,
        usage_event.account_id,
        usage_event.visitor_id as user_id,
        usage_event.event_type,
        usage_event.feature_name,
        usage_event.occurred_at,
        {{ first_of([unmatched_identity_check('usage_event.pendo_account_id', 'usage_event.account_id', what,
            'pendo account')]) }} as dq_connector_reason,
        {{ first_of(["when usage_event.feature_id is not null and usage_event.feature_name is null then "
            ~ dbt.concat(["'unmapped_value: '"] + what + ["': pendo feature '", id_text('usage_event.feature_id'),
                "' has no name in feature_history'"])]) }} as dq_connector_flag
    from matched as usage_event

)

select * from final
