-- Clean product.usage_events: the latest version of each key that passed every check of its raw
-- contract (_product__sources.yml) and whose declared references resolve (reference_checks.sql).
-- The rest are in dq_rejected_rows with their reason.
-- A view, except on Spark: the largest table, read by incremental models a few days
-- at a time; a stored copy would be rewritten whole on every run.
{{ config(materialized='table' if target.type == 'spark' else 'view') }}
-- The models the references name (dbt draws the graph before it reads the contract):
-- depends_on: {{ ref('stg_crm__accounts') }}
with kept_rows as (

    select * from {{ ref('base_product__usage_events') }}
    where dq_disposition = 'kept'

),

referenced as (

    {{ resolved_reference_rows('product', 'usage_events', 'kept_rows') }}

),

final as (

    select
        event_id,
        account_id,
        user_id,
        event_type,
        feature_name,
        occurred_at
    from referenced

)

select * from final
