-- Clean crm.contacts: one row per key, the latest that passed every check.
-- Rows left out are in dq_rejected_rows with the reason.
-- Its references to other tables are checked after staging: later models read
-- int_crm__contacts_referenced (models/intermediate/integrity/).
with checked_rows as (

    select * from {{ ref('base_crm__contacts') }}

),

final as (

    select
        contact_id,
        account_id,
        email,
        full_name,
        job_title,
        is_primary,
        created_at
    from checked_rows
    where dq_disposition = 'kept'

)

select * from final
