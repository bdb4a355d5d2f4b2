{#-
    An indicator's score as the learnt weights use it: among all customers where the
    fit chose that comparison (`learnt`.is_among_all_customers), else the registry's.
-#}
{% macro learnt_indicator_score(scores, learnt) -%}
    case when {{ learnt }}.is_among_all_customers then {{ scores }}.score_among_all_customers
    else {{ scores }}.indicator_score end
{%- endmacro %}
