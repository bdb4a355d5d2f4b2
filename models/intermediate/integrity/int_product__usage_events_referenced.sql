-- Clean product.usage_events rows whose references all resolve: what every later model reads.
-- The references are declared in the raw contract (models/staging/product/_product__sources.yml,
-- column meta `references`); the rows that fail are rejected as orphan_reference in
-- dq_rejected_rows (macros/staging/reference_checks.sql).
-- A view (the folder stores tables), except on Spark: the largest table, read by incremental
-- models a few days at a time; a stored copy would be rewritten whole on every run.
{{ config(materialized='table' if target.type == 'spark' else 'view') }}
-- depends_on: {{ ref('stg_crm__accounts') }}
{{ resolved_reference_rows('product', 'usage_events', ref('stg_product__usage_events')) }}
