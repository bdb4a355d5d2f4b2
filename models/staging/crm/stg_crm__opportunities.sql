-- Clean crm.opportunities: one row per key, the latest that passed every check.
-- Rows left out are in dq_rejected_rows with the reason.
-- Its references to other tables are checked after staging: later models read
-- int_crm__opportunities_referenced (models/intermediate/integrity/).
with checked_rows as (

    select * from {{ ref('base_crm__opportunities') }}

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
    from checked_rows
    where dq_disposition = 'kept'

)

select * from final
