-- Clean crm.opportunities: one row per key, the latest version that passed every check of its raw
-- contract (models/staging/crm/_crm__sources.yml) and whose declared references
-- (account_id) all resolve. base_crm__opportunities classifies every raw row against the
-- table itself; the references are checked here, on the kept rows, so a row rejected for
-- an orphan reference is re-judged on every build. Rows left out are in dq_rejected_rows
-- with their reason (macros/staging/reference_checks.sql).
-- The models the references name (read from the contract when the model runs):
-- depends_on: {{ ref('stg_crm__accounts') }}
with kept_rows as (

    select * from {{ ref('base_crm__opportunities') }}
    where dq_disposition = 'kept'

),

referenced as (

    {{ resolved_reference_rows('crm', 'opportunities', 'kept_rows') }}

),

final as (

    select
        opportunity_id,
        account_id,
        opportunity_type,
        stage,
        amount,
        is_won,
        is_closed,
        created_at,
        closed_at
    from referenced

)

select * from final
