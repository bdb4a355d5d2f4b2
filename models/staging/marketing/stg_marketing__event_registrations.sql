-- Clean marketing.event_registrations: every raw row typed, normalised, checked and classified from its raw
-- contract (_marketing__sources.yml; raw_table_classification: source -> normalized -> checked ->
-- classified, each row's fate), then the latest version of each key that passed every check
-- and whose declared references resolve (reference_checks.sql), with the renames and
-- defaults that do not affect a row's fate. The rest are in dq_rejected_rows with their reason.
-- The models the references name (dbt draws the graph before it reads the contract):
-- depends_on: {{ ref('stg_crm__contacts') }}
with {{ raw_table_classification('marketing', 'event_registrations') }},

kept_rows as (

    select * from classified
    where dq_disposition = 'kept'

),

referenced as (

    {{ resolved_reference_rows('marketing', 'event_registrations', 'kept_rows') }}

),

final as (

    -- the columns in the order the model always had (ST06 would put the expressions last)
    select  -- noqa: ST06
        registration_id,
        event_id,
        contact_id,
        event_name,
        event_type,
        coalesce(attended, attended_at is not null) as has_attended,
        registered_at,
        attended_at
    from referenced

)

select * from final
