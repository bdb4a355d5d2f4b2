-- Clean survey.surveys: every raw row typed, normalised, checked and classified from its raw
-- contract (_survey__sources.yml; raw_table_classification: source -> normalized -> checked ->
-- classified, each row's fate), then the latest version of each key that passed every check
-- (no declared references). The rest are in dq_rejected_rows with their reason.
with {{ raw_table_classification('survey', 'surveys') }},

kept_rows as (

    select * from classified
    where dq_disposition = 'kept'

),

final as (

    select
        survey_id,
        survey_type,
        survey_name
    from kept_rows

)

select * from final
