-- survey.responses from Qualtrics survey responses: the score is the answer (value) to the survey's score
-- question and the comment the answer to its comment question (conn_qualtrics__survey_questions); the
-- invitation is the distribution contact that brought the response. The person: the invited directory contact's
-- CRM contact (conn_qualtrics__contact_matches), else the CRM contact with the response's recipient e-mail (an
-- anonymous link names none); neither: rejected as unmatched_identity. A response to a survey with no score
-- question is rejected as unmapped_value; to a deleted survey, as deleted_in_source. Partial responses Qualtrics
-- closed (finished = 0) are read like finished ones: a score is a score.
{{ config(enabled=source_connector('survey') == 'qualtrics' and source_is_used('survey')) }}
{%- set response_relation = source('qualtrics', 'survey_response') %}
{%- set answer_relation = source('qualtrics', 'question_response') %}
{%- set recipient_relation = source('qualtrics', 'distribution_contact') %}
{%- set survey_relation = source('qualtrics', 'survey') %}
{%- set columns = landed_columns(response_relation) %}
{%- set survey_columns = landed_columns(survey_relation) %}
{{- require_landed_table(columns, 'qualtrics', 'survey_response', response_relation) }}
{{- require_landed_table(landed_columns(answer_relation), 'qualtrics', 'question_response', answer_relation) }}
{{- require_landed_table(landed_columns(recipient_relation), 'qualtrics', 'distribution_contact', recipient_relation) }}
{{- require_landed_table(survey_columns, 'qualtrics', 'survey', survey_relation) }}
{%- set recipient_email = 'lower(trim(' ~ landed_text(columns, 'recipient_email', 'survey_response') ~ '))' %}
{%- set what = ["'qualtrics response '", id_text('survey_response.id')] %}

with survey_response as (

    select * from {{ response_relation }}

),

answers as (

    -- one answer per response and question
    select
        cast(response_id as {{ dbt.type_string() }}) as response_id,
        cast(question_id as {{ dbt.type_string() }}) as question_id,
        min(cast(value as {{ dbt.type_string() }})) as answer
    from {{ answer_relation }}
    group by cast(response_id as {{ dbt.type_string() }}), cast(question_id as {{ dbt.type_string() }})

),

invitations as (

    -- the invitation that brought each response (the first, should a response be linked twice)
    select
        response_id,
        invitation_id,
        qualtrics_contact_id
    from (
        select
            cast(response_id as {{ dbt.type_string() }}) as response_id,
            {{ dbt.concat(['cast(distribution_id as ' ~ dbt.type_string() ~ ')', "':'",
                'cast(contact_id as ' ~ dbt.type_string() ~ ')']) }} as invitation_id,
            cast(contact_id as {{ dbt.type_string() }}) as qualtrics_contact_id,
            row_number() over (
                partition by cast(response_id as {{ dbt.type_string() }})
                order by cast(distribution_id as {{ dbt.type_string() }}), cast(contact_id as {{ dbt.type_string() }})
            ) as link_number
        from {{ recipient_relation }}
        where response_id is not null
    ) as links
    where link_number = 1

),

survey as (

    select
        cast(survey.id as {{ dbt.type_string() }}) as survey_id,
        {{ landed_is_true(survey_columns, '_fivetran_deleted', 'survey') }} as is_deleted
    from {{ survey_relation }} as survey

),

survey_questions as (

    select * from {{ ref('conn_qualtrics__survey_questions') }}

),

contact_matches as (

    select * from {{ ref('conn_qualtrics__contact_matches') }}

),

contacts_by_email as (

    select * from {{ ref('conn_crm_contacts_by_email') }}

),

joined as (

    select
        survey_response.*,
        invitations.invitation_id,
        coalesce(contact_matches.contact_id, contacts_by_email.contact_id) as matched_contact_id,
        coalesce(invitations.qualtrics_contact_id, {{ recipient_email }}) as person_landed,
        survey.is_deleted as is_survey_deleted,
        survey_questions.survey_id is not null as is_survey_known,
        survey_questions.score_question_id,
        score_answers.answer as score_answer,
        comment_answers.answer as comment_answer
    from survey_response
    left join invitations
        on cast(survey_response.id as {{ dbt.type_string() }}) = invitations.response_id
    left join contact_matches
        on invitations.qualtrics_contact_id = contact_matches.qualtrics_contact_id
    left join contacts_by_email
        on {{ recipient_email }} = contacts_by_email.email
    left join survey
        on cast(survey_response.survey_id as {{ dbt.type_string() }}) = survey.survey_id
    left join survey_questions
        on cast(survey_response.survey_id as {{ dbt.type_string() }}) = survey_questions.survey_id
    left join answers as score_answers
        on
            cast(survey_response.id as {{ dbt.type_string() }}) = score_answers.response_id
            and survey_questions.score_question_id = score_answers.question_id
    left join answers as comment_answers
        on
            cast(survey_response.id as {{ dbt.type_string() }}) = comment_answers.response_id
            and survey_questions.comment_question_id = comment_answers.question_id

),

final as (

    select
        cast(survey_response.id as {{ dbt.type_string() }}) as response_id,
        cast(survey_response.survey_id as {{ dbt.type_string() }}) as survey_id,
        survey_response.invitation_id,
        survey_response.matched_contact_id as contact_id,
        cast(null as {{ dbt.type_string() }}) as account_id,
        coalesce(
            {{ landed_text(columns, 'recorded_date', 'survey_response') }},
            {{ landed_text(columns, 'end_date', 'survey_response') }}
        ) as responded_at,
        survey_response.score_answer as score,
        -- the contract's column name, a keyword to the linter
        survey_response.comment_answer as comment,  -- noqa: RF04
        {{ first_of([
            "when survey_response.is_survey_deleted then " ~ dbt.concat(["'deleted_in_source: '"] + what + [
                "': qualtrics survey '", id_text('survey_response.survey_id'), "' is deleted (_fivetran_deleted)'"]),
            "when survey_response.is_survey_known and survey_response.score_question_id is null then "
                ~ dbt.concat(["'unmapped_value: '"] + what + ["': qualtrics survey '", id_text('survey_response.survey_id'),
                "' has no score question (an NPS question, or a tag in engagement__qualtrics_score_question_tags)'"]),
            unmatched_identity_check('survey_response.person_landed', 'survey_response.matched_contact_id', what,
                'qualtrics respondent', 'contact (by external reference or e-mail)'),
        ]) }} as dq_connector_reason,
        cast(null as {{ dbt.type_string() }}) as dq_connector_flag
    from joined as survey_response

)

select * from final
