-- Clean survey.surveys: one row per key, the latest that passed every check.
-- Rows left out are in dq_rejected_rows with the reason.
with checked_rows as (

    select * from {{ ref('base_survey__surveys') }}

),

final as (

    select
        survey_id,
        survey_type,
        survey_name
    from checked_rows
    where dq_disposition = 'kept'

)

select * from final
