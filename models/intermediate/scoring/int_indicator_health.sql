-- Whether each indicator carries information at each as-of date, over the whole
-- scored population (docs/scoring.md, "No information is not a zero"). It is
-- judged on the value the score uses, after the missing-data policy
-- (int_indicator_scores_imputed), not on the raw value: when every customer with
-- a renewal won all of them but some have none, presence tells customers apart
-- (100 against the missing level), and the indicator is kept.
--   no_input  a staging table it is computed from has no rows (a source the user
--             does not have, or switched off with engagement__using_<source>);
--   no_data   no customer has a value;
--   constant  every customer it scores gets the same score (e.g. every count 0,
--             or every customer with a value at 100 and the rest excluded);
--   ok        its score tells customers apart.
-- Only `ok` indicators are scored; the others drop out for every customer at that
-- date, whatever their missing-data policy. Scores are compared rounded to 1e-6
-- (score_for_ranking), so float noise cannot make two equal scores differ.
{#-
    The staging tables each indicator is computed from: an indicator whose input
    is empty has status `no_input`. Each entry is a list of groups; a group is
    satisfied when any of its tables has rows (csat reads support ratings or CSAT
    survey answers, whichever the user has). An indicator not listed here is
    judged by its values alone. modules_licensed does not need product_releases:
    without a release catalogue the catalogue is the modules licensed by anyone
    (docs/scoring.md).
-#}
{%- set input_tables = {
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
} %}

with indicator_values as (

    select * from {{ ref('int_indicator_scores_imputed') }}

),

input_rows as (

    -- one row: for every staging table an indicator reads (each one named in
    -- input_tables above; a name missing here fails the model: unknown column) 1 if
    -- it has a row, else 0. Counted on at most one row: the usage events are a view
    -- over tens of millions of rows, and counting them all cost a full pass.
    select
        {{ has_a_row(ref('stg_crm__accounts')) }} as stg_crm__accounts,
        {{ has_a_row(ref('stg_crm__activities')) }} as stg_crm__activities,
        {{ has_a_row(ref('stg_crm__deployments')) }} as stg_crm__deployments,
        {{ has_a_row(ref('stg_crm__licenses')) }} as stg_crm__licenses,
        {{ has_a_row(ref('stg_crm__opportunities')) }} as stg_crm__opportunities,
        {{ has_a_row(ref('stg_crm__product_releases')) }} as stg_crm__product_releases,
        {{ has_a_row(ref('stg_crm__wallet_estimates')) }} as stg_crm__wallet_estimates,
        {{ has_a_row(ref('stg_marketing__advocacy')) }} as stg_marketing__advocacy,
        {{ has_a_row(ref('stg_marketing__email_events')) }} as stg_marketing__email_events,
        {{ has_a_row(ref('stg_marketing__event_registrations')) }} as stg_marketing__event_registrations,
        {{ has_a_row(ref('stg_product__usage_events')) }} as stg_product__usage_events,
        {{ has_a_row(ref('stg_support__cases')) }} as stg_support__cases,
        {{ has_a_row(ref('stg_survey__invitations')) }} as stg_survey__invitations,
        {{ has_a_row(ref('stg_survey__responses')) }} as stg_survey__responses,
        1 as one_row

),

empty_inputs as (

    -- indicators without an entry in input_tables are judged by their values alone
    {% for indicator, groups in input_tables | dictsort %}
    select
        '{{ indicator }}' as indicator,
        nullif(concat_ws(
            ', ',
            {%- for group in groups %}
            case when {{ group | join(' + ') }} = 0 then '{{ group | join(" or ") }}' end,
            {%- endfor %}
            cast(null as {{ dbt.type_string() }})
        ), '') as empty_inputs
    from input_rows
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

statistics as (

    select
        as_of_date,
        indicator,
        count(*) as customers_scored,
        count(raw_value) as customers_with_data,
        count(distinct raw_value) as distinct_values,
        count(distinct {{ score_for_ranking('imputed_score') }}) as distinct_scores,
        count(case when raw_value is null and imputed_score is not null then 1 end) as customers_imputed,
        count(case when raw_value = 0 then 1 end) as customers_at_zero,
        min(raw_value) as min_value,
        max(raw_value) as max_value
    from indicator_values
    group by as_of_date, indicator

),

final as (

    select
        statistics.as_of_date,
        statistics.indicator,
        statistics.customers_scored,
        statistics.customers_with_data,
        statistics.distinct_values,
        statistics.distinct_scores,
        statistics.customers_imputed,
        statistics.customers_at_zero,
        cast(statistics.customers_at_zero as {{ type_double() }})
        / nullif(statistics.customers_with_data, 0) as share_at_zero,
        statistics.min_value,
        statistics.max_value,
        empty_inputs.empty_inputs is null as inputs_have_rows,
        empty_inputs.empty_inputs,
        case
            when empty_inputs.empty_inputs is not null then 'no_input'
            when statistics.customers_with_data = 0 then 'no_data'
            when statistics.distinct_scores <= 1 then 'constant'
            else 'ok'
        end as status,
        empty_inputs.empty_inputs is null
        and statistics.customers_with_data > 0
        and statistics.distinct_scores > 1 as carries_information
    from statistics
    left join empty_inputs
        on statistics.indicator = empty_inputs.indicator

)

select * from final
