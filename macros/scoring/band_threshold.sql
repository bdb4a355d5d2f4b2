{#-
    The score threshold of a band (`engaged` or `at_risk`) for a customer's
    segment: engagement__band_thresholds_by_segment where it names the
    segment, otherwise engagement__band_thresholds.
-#}
{% macro band_threshold(segment_column, band) -%}
    {%- set by_segment = var('engagement__band_thresholds_by_segment') -%}
    {%- set default = var('engagement__band_thresholds')[band] -%}
    {%- if by_segment -%}
        case {{ segment_column }}
            {%- for segment, limits in by_segment.items() %}
            when '{{ segment }}' then {{ limits[band] }}
            {%- endfor %}
            else {{ default }}
        end
    {%- else -%}
        {{ default }}
    {%- endif -%}
{%- endmacro %}
