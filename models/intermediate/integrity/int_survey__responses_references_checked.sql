-- Every clean survey.responses row (stg_survey__responses) with the references it makes checked:
-- `dq_reason` names the first reference that does not resolve, or a score outside its
-- survey's scale (rejected, not clamped); null when all is well.
-- The rows whose references resolve are int_survey__responses_referenced; the others are rejected
-- as orphan_reference (or out_of_range: a score outside its survey's scale) in dq_rejected_rows.
with responses as (

    select * from {{ ref('stg_survey__responses') }}

),

surveys as (

    select
        survey_id,
        survey_type
    from {{ ref('stg_survey__surveys') }}

),

contacts as (

    select contact_id from {{ ref('int_crm__contacts_referenced') }}

),

final as (

    select
        responses.*,
        surveys.survey_type,
        {{ raw_row_key(['responses.response_id']) }} as dq_row_key,
        case
            {{ reject_orphan('responses.survey_id', 'surveys.survey_id', 'surveys') }}
            {{ reject_orphan('responses.contact_id', 'contacts.contact_id', 'contacts') }}
            when
                responses.score < {{ survey_scale_bound('surveys.survey_type', 'min') }}
                or responses.score > {{ survey_scale_bound('surveys.survey_type', 'max') }}
                then {{ dbt.concat(["'out_of_range: score '", "cast(responses.score as " ~ dbt.type_string() ~ ")",
                    "' outside the '", "surveys.survey_type", "' scale'"]) }}
        end as dq_reason
    from responses
    left join surveys
        on responses.survey_id = surveys.survey_id
    left join contacts
        on responses.contact_id = contacts.contact_id

)

select * from final
