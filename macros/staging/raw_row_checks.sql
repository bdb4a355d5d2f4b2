{#-
    The row checks particular to one raw table, named by its table meta `checked_with`
    (the sources YAML) and run by checked_raw_rows after the contract's checks. Each
    renders `when ... then '<code>: <detail>'` branches on the raw column names.
-#}

{#- crm.licenses: a term cannot end before it starts. -#}
{% macro reject_license_ending_before_start() -%}
            when ends_on < starts_on then 'out_of_range: ends_on is before starts_on'
{%- endmacro %}


{#- crm.wallet_estimates: a required amount, so a negative one is rejected, not read as null. -#}
{% macro reject_negative_estimated_spend() -%}
            when estimated_annual_spend < 0 then 'out_of_range: estimated_annual_spend is negative'
{%- endmacro %}


{#- support.cases: CSAT is answered on a 1-5 scale. -#}
{% macro reject_csat_score_off_scale() -%}
            when csat_score not between 1 and 5
                then {{ dbt.concat(["'out_of_range: csat_score '",
                    "cast(csat_score as " ~ dbt.type_string() ~ ")", "' outside 1-5'"]) }}
{%- endmacro %}
