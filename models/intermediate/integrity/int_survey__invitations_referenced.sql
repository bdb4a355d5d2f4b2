-- Clean survey.invitations rows whose references all resolve: what every later model reads.
with checked_rows as (

    select * from {{ ref('int_survey__invitations_references_checked') }}

),

final as (

    select
        invitation_id,
        survey_id,
        contact_id,
        account_id,
        sent_at
    from checked_rows
    where dq_reason is null

)

select * from final
