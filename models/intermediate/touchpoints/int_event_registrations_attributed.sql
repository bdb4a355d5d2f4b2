-- Event registrations with the account of the registered contact.
-- A view (view_materialization): one model reads it, so storing it would only add a write.
{{ config(materialized=view_materialization()) }}

with registrations as (

    select * from {{ ref('stg_marketing__event_registrations') }}

),

contacts as (

    select * from {{ ref('stg_crm__contacts') }}

),

final as (

    select
        registrations.registration_id,
        contacts.account_id,
        registrations.contact_id,
        registrations.event_id,
        registrations.event_type,
        registrations.has_attended,
        {{ to_date('registrations.registered_at') }} as registered_on,
        {{ to_date('coalesce(registrations.attended_at, registrations.registered_at)') }} as attended_on
    from registrations
    inner join contacts
        on registrations.contact_id = contacts.contact_id

)

select * from final
