-- Clean marketing.event_registrations rows whose references all resolve: what every later model reads.
with checked_rows as (

    select * from {{ ref('int_marketing__event_registrations_references_checked') }}

),

final as (

    select
        registration_id,
        event_id,
        contact_id,
        event_name,
        event_type,
        has_attended,
        registered_at,
        attended_at
    from checked_rows
    where dq_reason is null

)

select * from final
