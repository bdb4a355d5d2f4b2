{#- The ends of each survey type's answer scale, from the raw contract. -#}
{% macro survey_scale_bound(survey_type_column, bound) -%}
    {%- set scales = {'nps': [0, 10], 'csat': [1, 5], 'ces': [1, 7]} -%}
    case {{ survey_type_column }}
        {%- for survey_type, ends in scales.items() %}
        when '{{ survey_type }}' then {{ ends[0] if bound == 'min' else ends[1] }}
        {%- endfor %}
    end
{%- endmacro %}


{#- survey.responses' own check after its references (declared in _survey__sources.yml): the score on its survey's scale. -#}
{% macro reject_score_off_survey_scale() -%}
            when
                checked_rows.score < {{ survey_scale_bound('surveys.survey_type', 'min') }}
                or checked_rows.score > {{ survey_scale_bound('surveys.survey_type', 'max') }}
                then {{ dbt.concat(["'out_of_range: score '", "cast(checked_rows.score as " ~ dbt.type_string() ~ ")",
                    "' outside the '", "surveys.survey_type", "' scale'"]) }}
{%- endmacro %}
