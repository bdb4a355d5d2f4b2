-- Clean survey.invitations: one row per key, the latest that passed every check.
-- Rows left out are in dq_rejected_rows with the reason.
-- Its references to other tables are checked after staging: later models read
-- int_survey__invitations_referenced (models/intermediate/integrity/).
with checked_rows as (

    select * from {{ ref('base_survey__invitations') }}

),

final as (

    select
        invitation_id,
        survey_id,
        contact_id,
        account_id,
        sent_at
    from checked_rows
    where dq_disposition = 'kept'

)

select * from final
