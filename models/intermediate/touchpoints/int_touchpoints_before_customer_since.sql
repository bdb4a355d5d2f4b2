-- Kept touchpoints dated before their account's customer_since, one row each, with the flag
-- that dq_flagged_values lists. They stay in the scoring (docs/data_contract.md, "Data quality": pre-customer
-- engagement such as trials, pilots and onboarding is real, and a customer is only scored from
-- customer_since on); this model only makes them visible and countable.
-- The account is the one the scoring attributes the touchpoint to (the *_attributed models).
-- A view (a table on Spark): it reads the big event tables, and only dq_flagged_values reads it.
{{ config(materialized='table' if target.type == 'spark' else 'view') }}

with accounts as (

    select
        account_id,
        became_customer_on
    from {{ ref('stg_crm__accounts') }}

),

activities as (

    select * from {{ ref('stg_crm__activities') }}

),

cases as (

    select * from {{ ref('stg_support__cases') }}

),

usage_events as (

    select * from {{ ref('stg_product__usage_events') }}

),

advocacy as (

    select * from {{ ref('stg_marketing__advocacy') }}

),

email_events as (

    select * from {{ ref('int_email_events_attributed') }}

),

event_registrations as (

    select * from {{ ref('int_event_registrations_attributed') }}

),

survey_invitations as (

    select * from {{ ref('int_survey_invitations_attributed') }}

),

survey_responses as (

    select * from {{ ref('int_survey_responses_attributed') }}

),

crm__activities as (

    {{ touchpoints_before_customer_since('crm', 'activities', 'activities', 'activity_id',
        to_date('activities.occurred_at'), 'occurred_at', 'accounts') }}

),

support__cases as (

    {{ touchpoints_before_customer_since('support', 'cases', 'cases', 'case_id',
        to_date('cases.opened_at'), 'opened_at', 'accounts') }}

),

product__usage_events as (

    {{ touchpoints_before_customer_since('product', 'usage_events', 'usage_events', 'event_id',
        to_date('usage_events.occurred_at'), 'occurred_at', 'accounts') }}

),

marketing__advocacy as (

    {{ touchpoints_before_customer_since('marketing', 'advocacy', 'advocacy', 'advocacy_id',
        to_date('advocacy.occurred_at'), 'occurred_at', 'accounts') }}

),

marketing__email_events as (

    {{ touchpoints_before_customer_since('marketing', 'email_events', 'email_events', 'email_event_id',
        'email_events.occurred_on', 'occurred_at', 'accounts') }}

),

marketing__event_registrations as (

    {{ touchpoints_before_customer_since('marketing', 'event_registrations', 'event_registrations',
        'registration_id', 'event_registrations.registered_on', 'registered_at', 'accounts') }}

),

survey__invitations as (

    {{ touchpoints_before_customer_since('survey', 'invitations', 'survey_invitations', 'invitation_id',
        'survey_invitations.sent_on', 'sent_at', 'accounts') }}

),

survey__responses as (

    {{ touchpoints_before_customer_since('survey', 'responses', 'survey_responses', 'response_id',
        'survey_responses.responded_on', 'responded_at', 'accounts') }}

),

final as (

    select * from crm__activities
    union all
    select * from support__cases
    union all
    select * from product__usage_events
    union all
    select * from marketing__advocacy
    union all
    select * from marketing__email_events
    union all
    select * from marketing__event_registrations
    union all
    select * from survey__invitations
    union all
    select * from survey__responses

)

select * from final
