-- E-mail events with the account of the contact they concern. A view: it is as
-- big as the raw table, and its readers take only the periods they recompute.
{{ config(materialized='view') }}

with email_events as (

    select * from {{ ref('stg_marketing__email_events') }}

),

contacts as (

    select * from {{ ref('stg_crm__contacts') }}

),

final as (

    select
        email_events.email_event_id,
        contacts.account_id,
        email_events.contact_id,
        email_events.campaign_id,
        email_events.event_type,
        email_events.occurred_at,
        {{ to_date('email_events.occurred_at') }} as occurred_on
    from email_events
    inner join contacts
        on email_events.contact_id = contacts.contact_id

)

select * from final
