-- Clean product.usage_events: one row per key, the latest version that passed every check of its raw
-- contract (models/staging/product/_product__sources.yml) and whose declared references
-- (account_id) all resolve. base_product__usage_events classifies every raw row against the
-- table itself; the references are checked here, on the kept rows, so a row rejected for
-- an orphan reference is re-judged on every build. Rows left out are in dq_rejected_rows
-- with their reason (macros/staging/reference_checks.sql).
-- A view, except on Spark: the largest table, read by incremental models a few days
-- at a time; a stored copy would be rewritten whole on every run.
{{ config(materialized='table' if target.type == 'spark' else 'view') }}
-- The models the references name (read from the contract when the model runs):
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
