-- Clean crm.opportunities: the latest version of each key that passed every check of its raw
-- contract (_crm__sources.yml) and whose declared references resolve (reference_checks.sql).
-- The rest are in dq_rejected_rows with their reason.
-- The models the references name (dbt draws the graph before it reads the contract):
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
