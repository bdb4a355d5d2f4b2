{#-
    The staging tables each indicator is computed from, for the indicator
    health check (int_indicator_health): an indicator whose input is empty
    has status `no_input` and drops out for every customer. Each entry is a
    list of groups; a group is satisfied when any of its tables has rows (csat
    reads support ratings or CSAT survey answers, whichever the user has).
    An indicator not listed here is judged by its values alone.
    modules_licensed does not need product_releases: without a release
    catalogue the catalogue is the modules licensed by anyone (docs/scoring.md).
-#}
{% macro indicator_input_tables() -%}
    {{ return({
        'modules_licensed': [['stg_crm__licenses']],
        'version_currency': [['stg_crm__deployments'], ['stg_crm__product_releases']],
        'logins_per_seat': [['stg_product__usage_events'], ['stg_crm__licenses']],
        'feature_breadth': [['stg_product__usage_events']],
        'nps': [['stg_survey__responses']],
        'csat': [['stg_support__cases', 'stg_survey__responses']],
        'ces': [['stg_survey__responses']],
        'support_escalations': [['stg_support__cases']],
        'support_cases_opened': [['stg_support__cases']],
        'survey_response_rate': [['stg_survey__invitations']],
        'event_attendance': [['stg_marketing__event_registrations']],
        'email_engagement': [['stg_marketing__email_events']],
        'advocacy': [['stg_marketing__advocacy']],
        'meetings_and_reviews': [['stg_crm__activities']],
        'tenure_years': [['stg_crm__accounts']],
        'renewal_rate': [['stg_crm__opportunities']],
        'expansion_spend': [['stg_crm__opportunities']],
        'share_of_wallet': [['stg_crm__wallet_estimates']],
    }) }}
{%- endmacro %}

