-- Clean support.cases: the latest version of each key that passed every check of its raw
-- contract (_support__sources.yml) and whose declared references resolve (reference_checks.sql).
-- The rest are in dq_rejected_rows with their reason.
-- The models the references name (dbt draws the graph before it reads the contract):
-- depends_on: {{ ref('stg_crm__accounts') }}
with kept_rows as (

    select * from {{ ref('base_support__cases') }}
    where dq_disposition = 'kept'

),

referenced as (

    {{ resolved_reference_rows('support', 'cases', 'kept_rows') }}

),

final as (

    select
        case_id,
        account_id,
        contact_id,
        priority,
        status,
        channel,
        category,
        is_escalated,
        csat_score,
        opened_at,
        closed_at
    from referenced

)

select * from final
