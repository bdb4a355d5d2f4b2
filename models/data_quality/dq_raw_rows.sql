-- Every raw row of every raw table, once, with its final fate: `kept`, `duplicate`
-- or `rejected`, and why. Each row is classified against its own table: here, from
-- the table's declared contract (raw_table_classification, as its stg_ model does),
-- or, for the five incremental tables, by their base models, which store the fates;
-- a kept row whose references do not resolve (the references its raw
-- contract declares, checked by its stg_ model: macros/staging/reference_checks.sql)
-- is rejected here with that reason. The other data-quality models and the
-- reconciliation test read this one.
-- The models the contracts' references name (read by the reference checks):
-- depends_on: {{ ref('stg_crm__accounts') }} {{ ref('stg_crm__contacts') }}
-- depends_on: {{ ref('stg_crm__product_releases') }} {{ ref('stg_survey__surveys') }}
with
-- the tables without a base model: every raw row classified from the declared contract
{{ raw_table_classification('crm', 'accounts', 'crm__accounts__') }},

{{ raw_table_classification('crm', 'managers', 'crm__managers__') }},

{{ raw_table_classification('crm', 'contacts', 'crm__contacts__') }},

{{ raw_table_classification('crm', 'licenses', 'crm__licenses__') }},

{{ raw_table_classification('crm', 'product_releases', 'crm__product_releases__') }},

{{ raw_table_classification('crm', 'opportunities', 'crm__opportunities__') }},

{{ raw_table_classification('crm', 'activities', 'crm__activities__') }},

{{ raw_table_classification('crm', 'wallet_estimates', 'crm__wallet_estimates__') }},

{{ raw_table_classification('support', 'cases', 'support__cases__') }},

{{ raw_table_classification('survey', 'surveys', 'survey__surveys__') }},

{{ raw_table_classification('marketing', 'event_registrations', 'marketing__event_registrations__') }},

{{ raw_table_classification('marketing', 'advocacy', 'marketing__advocacy__') }},

crm__accounts as (

    {{ raw_row_fates('crm', 'accounts', 'crm__accounts__classified') }}

),

crm__managers as (

    {{ raw_row_fates('crm', 'managers', 'crm__managers__classified') }}

),

crm__contacts as (

    {{ raw_row_fates('crm', 'contacts', 'crm__contacts__classified') }}

),

crm__licenses as (

    {{ raw_row_fates('crm', 'licenses', 'crm__licenses__classified') }}

),

crm__deployments as (

    {{ raw_row_fates('crm', 'deployments', ref('base_crm__deployments')) }}

),

crm__product_releases as (

    {{ raw_row_fates('crm', 'product_releases', 'crm__product_releases__classified') }}

),

crm__opportunities as (

    {{ raw_row_fates('crm', 'opportunities', 'crm__opportunities__classified') }}

),

crm__activities as (

    {{ raw_row_fates('crm', 'activities', 'crm__activities__classified') }}

),

crm__wallet_estimates as (

    {{ raw_row_fates('crm', 'wallet_estimates', 'crm__wallet_estimates__classified') }}

),

support__cases as (

    {{ raw_row_fates('support', 'cases', 'support__cases__classified') }}

),

survey__surveys as (

    {{ raw_row_fates('survey', 'surveys', 'survey__surveys__classified') }}

),

survey__invitations as (

    {{ raw_row_fates('survey', 'invitations', ref('base_survey__invitations')) }}

),

survey__responses as (

    {{ raw_row_fates('survey', 'responses', ref('base_survey__responses')) }}

),

marketing__event_registrations as (

    {{ raw_row_fates('marketing', 'event_registrations', 'marketing__event_registrations__classified') }}

),

marketing__email_events as (

    {{ raw_row_fates('marketing', 'email_events', ref('base_marketing__email_events')) }}

),

marketing__advocacy as (

    {{ raw_row_fates('marketing', 'advocacy', 'marketing__advocacy__classified') }}

),

product__usage_events as (

    {{ raw_row_fates('product', 'usage_events', ref('base_product__usage_events')) }}

),

final as (

    select * from crm__accounts
    union all
    select * from crm__managers
    union all
    select * from crm__contacts
    union all
    select * from crm__licenses
    union all
    select * from crm__deployments
    union all
    select * from crm__product_releases
    union all
    select * from crm__opportunities
    union all
    select * from crm__activities
    union all
    select * from crm__wallet_estimates
    union all
    select * from support__cases
    union all
    select * from survey__surveys
    union all
    select * from survey__invitations
    union all
    select * from survey__responses
    union all
    select * from marketing__event_registrations
    union all
    select * from marketing__email_events
    union all
    select * from marketing__advocacy
    union all
    select * from product__usage_events

)

select * from final
