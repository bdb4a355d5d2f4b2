-- Every raw row of every raw table, once, with its final fate: `kept`, `duplicate`
-- or `rejected`, and why. The base staging models classify each row against its
-- own table; a kept row whose references do not resolve (the references its raw
-- contract declares, checked by its stg_ model: macros/staging/reference_checks.sql)
-- is rejected here with that reason. The other data-quality models and the
-- reconciliation test read this one.
-- The models the contracts' references name (read by the reference checks):
-- depends_on: {{ ref('stg_crm__accounts') }} {{ ref('stg_crm__contacts') }}
-- depends_on: {{ ref('stg_crm__product_releases') }} {{ ref('stg_survey__surveys') }}
with crm__accounts as (

    {{ raw_row_fates('crm', 'accounts', ref('base_crm__accounts')) }}

),

crm__managers as (

    {{ raw_row_fates('crm', 'managers', ref('base_crm__managers')) }}

),

crm__contacts as (

    {{ raw_row_fates('crm', 'contacts', ref('base_crm__contacts')) }}

),

crm__licenses as (

    {{ raw_row_fates('crm', 'licenses', ref('base_crm__licenses')) }}

),

crm__deployments as (

    {{ raw_row_fates('crm', 'deployments', ref('base_crm__deployments')) }}

),

crm__product_releases as (

    {{ raw_row_fates('crm', 'product_releases', ref('base_crm__product_releases')) }}

),

crm__opportunities as (

    {{ raw_row_fates('crm', 'opportunities', ref('base_crm__opportunities')) }}

),

crm__activities as (

    {{ raw_row_fates('crm', 'activities', ref('base_crm__activities')) }}

),

crm__wallet_estimates as (

    {{ raw_row_fates('crm', 'wallet_estimates', ref('base_crm__wallet_estimates')) }}

),

support__cases as (

    {{ raw_row_fates('support', 'cases', ref('base_support__cases')) }}

),

survey__surveys as (

    {{ raw_row_fates('survey', 'surveys', ref('base_survey__surveys')) }}

),

survey__invitations as (

    {{ raw_row_fates('survey', 'invitations', ref('base_survey__invitations')) }}

),

survey__responses as (

    {{ raw_row_fates('survey', 'responses', ref('base_survey__responses')) }}

),

marketing__event_registrations as (

    {{ raw_row_fates('marketing', 'event_registrations', ref('base_marketing__event_registrations')) }}

),

marketing__email_events as (

    {{ raw_row_fates('marketing', 'email_events', ref('base_marketing__email_events')) }}

),

marketing__advocacy as (

    {{ raw_row_fates('marketing', 'advocacy', ref('base_marketing__advocacy')) }}

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
