-- One row per Qualtrics survey: whether it has a Net Promoter question (question_type MC, selector NPS: Qualtrics's
-- own NPS question), which question holds its score (the NPS question, else the question whose export tag is in
-- engagement__qualtrics_score_question_tags; the lowest id when several) and which its comment
-- (engagement__qualtrics_comment_question_tags). Deleted questions are not read.
{{ config(enabled=source_connector('survey') == 'qualtrics' and source_is_used('survey')) }}
{%- set survey_relation = source('qualtrics', 'survey') %}
{%- set question_relation = source('qualtrics', 'question') %}
{%- set question_columns = landed_columns(question_relation) %}
{{- require_landed_table(landed_columns(survey_relation), 'qualtrics', 'survey', survey_relation) }}
{{- require_landed_table(question_columns, 'qualtrics', 'question', question_relation) }}
{#- `export_tag in (...)` for each list of tags; false for an empty list -#}
{%- set tag_tests = {} %}
{%- for kind in ['score', 'comment'] %}
{%- set literals = [] %}
{%- for tag in var('engagement__qualtrics_' ~ kind ~ '_question_tags') %}
{%- do literals.append(sql_text_literal(tag | string | trim | lower)) %}
{%- endfor %}
{%- do tag_tests.update({kind: ('question.export_tag in (' ~ literals | join(', ') ~ ')') if literals else 'false'}) %}
{%- endfor %}

with survey as (

    select distinct cast(id as {{ dbt.type_string() }}) as survey_id
    from {{ survey_relation }}

),

question as (

    select
        cast(question.survey_id as {{ dbt.type_string() }}) as survey_id,
        cast(question.id as {{ dbt.type_string() }}) as question_id,
        lower(trim({{ landed_text(question_columns, 'selector', 'question') }})) = 'nps' as is_nps,
        lower(trim({{ landed_text(question_columns, 'data_export_tag', 'question') }})) as export_tag
    from {{ question_relation }} as question
    where not {{ landed_is_true(question_columns, '_fivetran_deleted', 'question') }}

),

final as (

    select
        survey.survey_id,
        coalesce(max(case when question.is_nps then 1 else 0 end), 0) = 1 as has_nps_question,
        coalesce(
            min(case when question.is_nps then question.question_id end),
            min(case when {{ tag_tests['score'] }} then question.question_id end)
        ) as score_question_id,
        min(case when {{ tag_tests['comment'] }} then question.question_id end) as comment_question_id
    from survey
    left join question
        on survey.survey_id = question.survey_id
    group by survey.survey_id

)

select * from final
