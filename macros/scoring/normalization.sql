{#-
    Normalization of an indicator's raw value to a 0-100 score (see docs/scoring.md).
    Each takes SQL expressions; `min_value`/`max_value` are the raw value's
    extremes in the comparison group, used to score a constant indicator 50.
-#}

{% macro clamp_0_100(expression) -%}
    case
        when {{ expression }} < 0 then 0
        when {{ expression }} > 100 then 100
        else {{ expression }}
    end
{%- endmacro %}


{#- Percentile among the group: 0 for the lowest, 100 for the highest; ties share the lower rank. -#}
{% macro percentile_score(percent_rank, min_value, max_value) -%}
    case
        when {{ min_value }} = {{ max_value }} then 50
        else 100 * {{ percent_rank }}
    end
{%- endmacro %}


{#-
    Scaled between the group's 5th and 95th percentile, clamped. When those two
    coincide (most customers tie) a value above them scores 100, below 0, on them 50.
-#}
{% macro min_max_score(value, p05, p95, min_value, max_value) -%}
    case
        when {{ min_value }} = {{ max_value }} then 50
        when {{ p95 }} = {{ p05 }} then
            case
                when {{ value }} > {{ p95 }} then 100
                when {{ value }} < {{ p05 }} then 0
                else 50
            end
        else {{ clamp_0_100('100 * (' ~ value ~ ' - ' ~ p05 ~ ') / (' ~ p95 ~ ' - ' ~ p05 ~ ')') }}
    end
{%- endmacro %}


{#- value / target * 100, clamped; a non-positive target is a configuration error caught by a test. -#}
{% macro target_score(value, target) -%}
    {{ clamp_0_100('100 * ' ~ value ~ ' / ' ~ target) }}
{%- endmacro %}


{#- lower_is_better flips the score. -#}
{% macro directed_score(score, direction) -%}
    case when {{ direction }} = 'lower_is_better' then 100 - ({{ score }}) else {{ score }} end
{%- endmacro %}


{#-
    The registry's normalization applied: `method` is the column holding
    percentile / min_max / target; `stats` the relation with the comparison
    group's min_value, max_value, p05_value and p95_value.
-#}
{% macro normalized_value(method, value, target, percent_rank, stats) -%}
    case {{ method }}
        when 'percentile'
            then {{ percentile_score(percent_rank, stats ~ '.min_value', stats ~ '.max_value') }}
        when 'min_max'
            then {{ min_max_score(value, stats ~ '.p05_value', stats ~ '.p95_value',
                stats ~ '.min_value', stats ~ '.max_value') }}
        when 'target' then {{ target_score(value, target) }}
    end
{%- endmacro %}
