-- Clean support.cases: one row per key, the latest that passed every check.
-- Rows left out are in dq_rejected_rows with the reason.
-- Its references to other tables are checked after staging: later models read
-- int_support__cases_referenced (models/intermediate/integrity/).
with checked_rows as (

    select * from {{ ref('base_support__cases') }}

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
    from checked_rows
    where dq_disposition = 'kept'

)

select * from final
