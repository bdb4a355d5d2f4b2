-- Clean survey.invitations: one row per key, the latest that passed every check.
-- Rows left out are in dq_rejected_rows with the reason.
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
