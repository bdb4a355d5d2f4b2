-- Every touchpoint a named contact of a customer took part in, one row each:
-- account-team activities (meetings, demos, trials, inquiries, business
-- reviews), support cases, survey answers, events attended and advocacy.
-- E-mail events are left out: an open is too weak a sign that a person is
-- engaged. Only touchpoints with a contact; the account is the touchpoint's.
-- touchpoint_id: the source and its row's key ('activity:<activity_id>', ...).
{{ config(materialized=view_materialization()) }}

with activities as (

    select * from {{ ref('stg_crm__activities') }}

),

cases as (

    select * from {{ ref('stg_support__cases') }}

),

responses as (

    select * from {{ ref('int_survey_responses_attributed') }}

),

registrations as (

    select * from {{ ref('int_event_registrations_attributed') }}

),

advocacy as (

    select * from {{ ref('stg_marketing__advocacy') }}

),

unioned as (

    select
        {{ dbt.concat(["'activity:'", 'activity_id']) }} as touchpoint_id,
        account_id,
        contact_id,
        'activity' as touchpoint_source,
        {{ to_date('occurred_at') }} as touched_on
    from activities
    where contact_id is not null
    union all
    select
        {{ dbt.concat(["'support_case:'", 'case_id']) }} as touchpoint_id,
        account_id,
        contact_id,
        'support_case' as touchpoint_source,
        {{ to_date('opened_at') }} as touched_on
    from cases
    where contact_id is not null
    union all
    select
        {{ dbt.concat(["'survey_response:'", 'response_id']) }} as touchpoint_id,
        account_id,
        contact_id,
        'survey_response' as touchpoint_source,
        responded_on as touched_on
    from responses
    where contact_id is not null
    union all
    select
        {{ dbt.concat(["'event_attended:'", 'registration_id']) }} as touchpoint_id,
        account_id,
        contact_id,
        'event_attended' as touchpoint_source,
        attended_on as touched_on
    from registrations
    where has_attended and contact_id is not null
    union all
    select
        {{ dbt.concat(["'advocacy:'", 'advocacy_id']) }} as touchpoint_id,
        account_id,
        contact_id,
        'advocacy' as touchpoint_source,
        {{ to_date('occurred_at') }} as touched_on
    from advocacy
    where contact_id is not null

),

final as (

    select * from unioned
    where account_id is not null

)

select * from final
