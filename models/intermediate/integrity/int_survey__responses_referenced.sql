-- Clean survey.responses rows whose references all resolve: what every later model reads.
with checked_rows as (

    select * from {{ ref('int_survey__responses_references_checked') }}

),

final as (

    select
        response_id,
        survey_id,
        invitation_id,
        contact_id,
        account_id,
        survey_type,
        score,
        comment,
        responded_at
    from checked_rows
    where dq_reason is null

)

select * from final
