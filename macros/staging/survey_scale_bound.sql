{#- The ends of each survey type's answer scale, from the raw contract. -#}
{% macro survey_scale_bound(survey_type_column, bound) -%}
    {%- set scales = {'nps': [0, 10], 'csat': [1, 5], 'ces': [1, 7]} -%}
    case {{ survey_type_column }}
        {%- for survey_type, ends in scales.items() %}
        when '{{ survey_type }}' then {{ ends[0] if bound == 'min' else ends[1] }}
        {%- endfor %}
    end
{%- endmacro %}
