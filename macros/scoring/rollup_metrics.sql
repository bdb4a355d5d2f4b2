{#-
    The aggregate columns shared by every rollup (hierarchy, manager, corporate),
    over rows of customer scores with annual_contract_value, engagement_score,
    band and is_alerted. The contract-value-weighted score falls back to the
    plain mean when the group's contract value is 0. Contract value totals are
    rounded to cents: a sum of doubles depends on the order of its terms, and
    the same data must give the same totals (docs/scoring.md).
-#}
{% macro rollup_metrics() -%}
        count(*) as customers,
        {{ round_double('cast(sum(annual_contract_value) as ' ~ type_double() ~ ')', 2) }} as total_contract_value,
        cast(
            case
                when sum(annual_contract_value) > 0
                    then sum(annual_contract_value * engagement_score) / sum(annual_contract_value)
                else avg(engagement_score)
            end as {{ type_double() }}
        ) as contract_weighted_score,
        cast(avg(engagement_score) as {{ type_double() }}) as mean_score,
        {%- for band in engagement_bands() %}
        count(case when band = '{{ band }}' then 1 end) as {{ band }}_customers,
        {{ round_double('cast(sum(case when band = \'' ~ band ~ '\' then annual_contract_value else 0 end) as '
            ~ type_double() ~ ')', 2) }} as {{ band }}_contract_value,
        {%- endfor %}
        count(case when is_alerted then 1 end) as alerted_customers
{%- endmacro %}

{% macro engagement_bands() -%}
    {{ return(['engaged', 'at_risk', 'disengaged', 'insufficient_data']) }}
{%- endmacro %}


{#-
    The rollup metric columns of `relation` (a CTE built with rollup_metrics) and
    the change of its contract-weighted score against `previous` (the same CTE
    joined one period back), as the rollup marts expose them. With
    `band_shares`, each band's columns are followed by <band>_customers_pct, its
    share (0-100) of the group's customers.
-#}
{% macro rollup_metric_columns(relation, previous, band_shares=false) -%}
        {{ relation }}.customers,
        {{ relation }}.total_contract_value,
        {{ relation }}.contract_weighted_score,
        {{ relation }}.mean_score,
        {%- for band in engagement_bands() %}
        {{ relation }}.{{ band }}_customers,
        {{ relation }}.{{ band }}_contract_value,
        {%- if band_shares %}
        100 * cast({{ relation }}.{{ band }}_customers as {{ type_double() }}) / {{ relation }}.customers
            as {{ band }}_customers_pct,
        {%- endif %}
        {%- endfor %}
        {{ relation }}.alerted_customers,
        cast({{ relation }}.contract_weighted_score - {{ previous }}.contract_weighted_score as {{ type_double() }})
            as score_change
{%- endmacro %}
