-- Every indicator's raw value per customer and as-of date, in one long table.
-- One ref per indicator model, written out: dbt learns a model's parents from its
-- text when it parses, before the registry seed or dbt's graph can be read
-- (docs/architecture.md, "The indicator outline"). The test
-- assert_indicator_registry_matches_models names any registry row without a
-- model here, and any indicator model missing here.
-- A view (issue #17): a union of the stored indicator tables costs only their
-- scan, and storing it wrote every indicator value a second time. Its readers
-- filter on as_of_date, which the warehouse pushes into each indicator table.
{{ config(materialized=view_materialization()) }}

{%- set indicator_models = [
    ref('int_indicator__advocacy'),
    ref('int_indicator__ces'),
    ref('int_indicator__csat'),
    ref('int_indicator__email_engagement'),
    ref('int_indicator__event_attendance'),
    ref('int_indicator__expansion_spend'),
    ref('int_indicator__feature_breadth'),
    ref('int_indicator__logins_per_seat'),
    ref('int_indicator__meetings_and_reviews'),
    ref('int_indicator__modules_licensed'),
    ref('int_indicator__nps'),
    ref('int_indicator__renewal_rate'),
    ref('int_indicator__share_of_wallet'),
    ref('int_indicator__support_cases_opened'),
    ref('int_indicator__support_escalations'),
    ref('int_indicator__survey_response_rate'),
    ref('int_indicator__tenure_years'),
    ref('int_indicator__version_currency'),
    ref('int_indicator__active_user_ratio'),
    ref('int_indicator__days_since_last_login'),
    ref('int_indicator__support_resolution_days'),
    ref('int_indicator__trials_demos_inquiries'),
    ref('int_indicator__contact_breadth'),
    ref('int_indicator__executive_engagement'),
    ref('int_indicator__email_unsubscribes'),
    ref('int_indicator__event_no_show_rate'),
] %}
with unioned as (

    {% for indicator_model in indicator_models %}
    select * from {{ indicator_model }}
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

final as (

    select * from unioned

)

select * from final
