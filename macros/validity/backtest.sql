{#-
    Settings and formulas of the backtest (does the score predict what happens
    next?), models/intermediate/validity/.
-#}

{#- The outcome horizons in days (var engagement__outcome_horizons_days), checked. -#}
{% macro outcome_horizons() -%}
    {%- set horizons = var('engagement__outcome_horizons_days') -%}
    {%- if horizons is number -%}{%- set horizons = [horizons] -%}{%- endif -%}
    {%- if horizons | length == 0 -%}
        {{ exceptions.raise_compiler_error("engagement__outcome_horizons_days must list at least one horizon in days") }}
    {%- endif -%}
    {%- for horizon in horizons -%}
        {%- if horizon is not number or horizon <= 0 or horizon != horizon | int -%}
            {{ exceptions.raise_compiler_error("engagement__outcome_horizons_days must be positive whole days, not '" ~ horizon ~ "'") }}
        {%- endif -%}
    {%- endfor -%}
    {{ return(horizons | map('int') | unique | sort | list) }}
{%- endmacro %}

{#- The horizon of churn_risk_pct; must be one of the outcome horizons. -#}
{% macro churn_risk_horizon() -%}
    {%- set horizon = var('engagement__churn_risk_horizon_days') -%}
    {%- if horizon not in outcome_horizons() -%}
        {{ exceptions.raise_compiler_error("engagement__churn_risk_horizon_days (" ~ horizon
            ~ ") must be one of engagement__outcome_horizons_days " ~ outcome_horizons()) }}
    {%- endif -%}
    {{ return(horizon | int) }}
{%- endmacro %}

{#-
    The calibration bin of a 0-100 score: 0 for [0, w), 1 for [w, 2w), ...; a
    score of 100 falls in the last bin. w = engagement__churn_risk_bin_points.
    The score is rounded to 1e-6 first (score_for_ranking).
-#}
{% macro churn_risk_bin(score_expression) -%}
    {%- set width = var('engagement__churn_risk_bin_points') -%}
    {%- if width is not number or width <= 0 or width > 100 -%}
        {{ exceptions.raise_compiler_error("engagement__churn_risk_bin_points must be a number of points in (0, 100], not '" ~ width ~ "'") }}
    {%- endif -%}
    {%- set last_bin = ((100 / width) | round(0, 'ceil') | int) - 1 -%}
    cast(least(floor({{ score_for_ranking(score_expression) }} / {{ width }}), {{ last_bin }}) as integer)
{%- endmacro %}

{#-
    AUC from ranks (Mann-Whitney): the probability that a customer with the
    outcome ranks above one without, ties counted half. `sum_positive_rank` is
    the sum, over the customers with the outcome, of their average rank (ties
    share the mean of their ranks) in the order "most at risk last". Null when
    either class is empty.
-#}
{% macro auc_from_ranks(sum_positive_rank, positives, negatives) -%}
    {%- set positives = '(' ~ positives ~ ')' -%}
    {%- set negatives = '(' ~ negatives ~ ')' -%}
    case
        when {{ positives }} > 0 and {{ negatives }} > 0
            then
                (
                    cast({{ sum_positive_rank }} as {{ type_double() }})
                    - cast({{ positives }} as {{ type_double() }}) * ({{ positives }} + 1) / 2
                )
                / (cast({{ positives }} as {{ type_double() }}) * {{ negatives }})
    end
{%- endmacro %}

{#-
    A 0-100 score rounded to 1e-6 before it is ranked, binned or banded: engines
    compute the same weighted mean with different last bits, and two scores that
    are equal must tie (and sit on the same side of a bin edge) on every engine.
-#}
{% macro score_for_ranking(score_expression) -%}
    cast(cast({{ score_expression }} as decimal(18, 6)) as {{ type_double() }})
{%- endmacro %}
