-- crm.licenses from Salesforce Asset (what a customer owns: product, quantity, install and usage end dates, price),
-- the module named by a field of its Product2 (engagement__salesforce_license_fields). An org without Assets lands
-- no asset table: licences are then empty (docs/connectors.md says what that costs).
{{ config(enabled=connector_is_used('salesforce')) }}
{%- set asset_relation = source('salesforce', 'asset') %}
{%- set product_relation = source('salesforce', 'product_2') %}
{%- set columns = landed_columns(asset_relation) %}
{%- set product_columns = landed_columns(product_relation) %}
{%- set fields = var('engagement__salesforce_license_fields') %}
{%- if execute and columns is none %}
    {{ log("salesforce: no asset table at " ~ asset_relation ~ ": crm.licenses is empty (docs/connectors.md)", info=true) }}
{%- endif %}

{% if columns is none -%}
select
    cast(null as {{ dbt.type_string() }}) as license_id,
    cast(null as {{ dbt.type_string() }}) as account_id,
    cast(null as {{ dbt.type_string() }}) as product_module,
    cast(null as {{ dbt.type_string() }}) as seats,
    cast(null as {{ dbt.type_string() }}) as starts_on,
    cast(null as {{ dbt.type_string() }}) as ends_on,
    cast(null as {{ dbt.type_string() }}) as annual_value,
    cast(null as {{ dbt.type_string() }}) as dq_connector_reason,
    cast(null as {{ dbt.type_string() }}) as dq_connector_flag
from (select 1 as no_row) as no_asset_table
where 1 = 0
{%- else -%}
with asset as (

    select * from {{ asset_relation }}

),

product as (

    {% if product_columns is not none -%}
    select
        cast(product_2.id as {{ dbt.type_string() }}) as product_id,
        {{ landed_text(product_columns, fields.get('product_module'), 'product_2') }} as module_name
    from {{ product_relation }} as product_2
    {%- else -%}
    -- no product_2 table landed: no asset names its module (rejected as missing product_module)
    select
        cast(null as {{ dbt.type_string() }}) as product_id,
        cast(null as {{ dbt.type_string() }}) as module_name
    from (select 1 as no_row) as no_product_table
    where 1 = 0
    {%- endif %}

),

final as (

    select
        cast(asset.id as {{ dbt.type_string() }}) as license_id,
        cast(asset.account_id as {{ dbt.type_string() }}) as account_id,
        product.module_name as product_module,
        {{ landed_text(columns, fields.get('seats'), 'asset') }} as seats,
        {{ landed_text(columns, fields.get('starts_on'), 'asset') }} as starts_on,
        {{ landed_text(columns, fields.get('ends_on'), 'asset') }} as ends_on,
        {{ landed_text(columns, fields.get('annual_value'), 'asset') }} as annual_value,
        {{ first_of(landed_deleted_checks(columns, 'asset', ["'salesforce Asset '", id_text('asset.id')])) }}
            as dq_connector_reason,
        cast(null as {{ dbt.type_string() }}) as dq_connector_flag
    from asset
    left join product
        on {{ landed_text(columns, 'product_2_id', 'asset') }} = product.product_id

)

select * from final
{%- endif %}
