-- Clean crm.licenses: one row per key, the latest version that passed every check of its raw
-- contract (models/staging/crm/_crm__sources.yml) and whose declared references
-- (account_id) all resolve. base_crm__licenses classifies every raw row against the
-- table itself; the references are checked here, on the kept rows, so a row rejected for
-- an orphan reference is re-judged on every build. Rows left out are in dq_rejected_rows
-- with their reason (macros/staging/reference_checks.sql).
-- The models the references name (read from the contract when the model runs):
-- depends_on: {{ ref('stg_crm__accounts') }}
with kept_rows as (

    select * from {{ ref('base_crm__licenses') }}
    where dq_disposition = 'kept'

),

referenced as (

    {{ resolved_reference_rows('crm', 'licenses', 'kept_rows') }}

),

final as (

    select
        license_id,
        account_id,
        product_module,
        seats,
        annual_value,
        starts_on,
        ends_on
    from referenced

)

select * from final
