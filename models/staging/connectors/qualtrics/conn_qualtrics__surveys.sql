-- survey.surveys from Qualtrics surveys. Qualtrics holds no survey type: a survey listed in
-- engagement__qualtrics_survey_types (by id or name) has the type given there; else a survey with an NPS
-- question is an NPS survey; any other is rejected as unmapped_value (never guessed). Deleted surveys are kept
-- with their reason.
{{ config(enabled=source_connector('survey') == 'qualtrics' and source_is_used('survey')) }}
{%- set survey_relation = source('qualtrics', 'survey') %}
{%- set columns = landed_columns(survey_relation) %}
{{- require_landed_table(columns, 'qualtrics', 'survey', survey_relation) }}
{%- set types = var('engagement__qualtrics_survey_types') %}
{%- set survey_name = landed_text(columns, 'survey_name', 'survey') %}
{%- set what = ["'qualtrics survey '", id_text('survey.id')] %}

with survey as (

    select * from {{ survey_relation }}

),

survey_questions as (

    select * from {{ ref('conn_qualtrics__survey_questions') }}

),

typed as (

    select
        survey.*,
        coalesce(
            {{ picklist_value('cast(survey.id as ' ~ dbt.type_string() ~ ')', types) }},
            {{ picklist_value(survey_name, types) }},
            case when survey_questions.has_nps_question then 'nps' end
        ) as survey_type_read
    from survey
    left join survey_questions
        on cast(survey.id as {{ dbt.type_string() }}) = survey_questions.survey_id

),

final as (

    select
        cast(survey.id as {{ dbt.type_string() }}) as survey_id,
        survey.survey_type_read as survey_type,
        {{ survey_name }} as survey_name,
        {{ first_of(
            landed_deleted_checks(columns, 'survey', what)
            + ["when survey.survey_type_read is null then " ~ dbt.concat(["'unmapped_value: '"] + what + [
                "' has no NPS question and no entry in engagement__qualtrics_survey_types (by id or name)'"])]
        ) }} as dq_connector_reason,
        cast(null as {{ dbt.type_string() }}) as dq_connector_flag
    from typed as survey

)

select * from final
