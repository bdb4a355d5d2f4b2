{#-
    The mechanics of int_indicator_scores_imputed, written once because it scores each
    indicator value twice: against its registry peer group, and against all the
    date's customers (what learnt weights may use instead: int_indicator_weights_learnt).
-#}

{#- Body of a comparison group's statistics: per as-of date, indicator and `group_columns`. -#}
{% macro raw_value_statistics(rows, group_columns=[]) %}
    select
        {{ (['as_of_date', 'indicator'] + group_columns) | join(',\n        ') }},
        min(raw_value) as min_value,
        max(raw_value) as max_value,
        -- rounded like the raw values, so comparisons with them agree on every engine
        {{ stable_value(percentile_cont_agg('raw_value', 0.05)) }} as p05_value,
        {{ stable_value(percentile_cont_agg('raw_value', 0.95)) }} as p95_value
    from {{ rows }}
    where raw_value is not null
    group by {{ (['as_of_date', 'indicator'] + group_columns) | join(', ') }}
{% endmacro %}


{#-
    A raw value normalized to 0-100 as the registry says (docs/scoring.md), against the
    comparison group whose statistics are `statistics` and in which the value's percent
    rank is `percent_rank`; a constant indicator (every value equal) scores 50 whatever
    the method.
-#}
{% macro normalized_raw_value(rows, statistics, percent_rank) -%}
        case {{ rows }}.normalization
            -- percentile among the group: 0 for the lowest, 100 for the highest;
            -- ties share the lower rank
            when 'percentile'
                then
                    case
                        when {{ statistics }}.min_value = {{ statistics }}.max_value then 50
                        else 100 * {{ percent_rank }}
                    end
            -- scaled between the group's 5th and 95th percentile, clamped; when those
            -- coincide (most customers tie) a value above them scores 100, below 0, on them 50
            when 'min_max'
                then
                    case
                        when {{ statistics }}.min_value = {{ statistics }}.max_value then 50
                        when {{ statistics }}.p95_value = {{ statistics }}.p05_value
                            then
                                case
                                    when {{ rows }}.raw_value > {{ statistics }}.p95_value then 100
                                    when {{ rows }}.raw_value < {{ statistics }}.p05_value then 0
                                    else 50
                                end
                        else {{ clamp_0_100(
                            '100 * (' ~ rows ~ '.raw_value - ' ~ statistics ~ '.p05_value)'
                            ~ ' / (' ~ statistics ~ '.p95_value - ' ~ statistics ~ '.p05_value)'
                        ) }}
                    end
            -- value / target * 100, clamped; a non-positive target is a configuration
            -- error the registry test catches
            when 'target' then {{ clamp_0_100('100 * ' ~ rows ~ '.raw_value / ' ~ rows ~ '.target') }}
        end
{%- endmacro %}


{#-
    The score a customer takes from `normalized_value`: flipped when lower is better;
    without a value, the missing-data policy (exclude: null; zero and own_level: 0;
    neutral: 50).
-#}
{% macro score_with_missing_data_policy(normalized_value) -%}
        cast(
            case
                when raw_value is not null and direction = 'lower_is_better' then 100 - {{ normalized_value }}
                when raw_value is not null then {{ normalized_value }}
                when when_missing in ('zero', 'own_level') then 0
                when when_missing = 'neutral' then 50
            end as {{ type_double() }}
        )
{%- endmacro %}
