-- Clean marketing.email_events: the latest version of each key that passed every check of its raw
-- contract (_marketing__sources.yml) and whose declared references resolve (reference_checks.sql).
-- The rest are in dq_rejected_rows with their reason.
-- The models the references name (dbt draws the graph before it reads the contract):
-- depends_on: {{ ref('stg_crm__contacts') }}
with kept_rows as (

    select * from {{ ref('base_marketing__email_events') }}
    where dq_disposition = 'kept'

),

referenced as (

    {{ resolved_reference_rows('marketing', 'email_events', 'kept_rows') }}

),

final as (

    select
        email_event_id,
        contact_id,
        campaign_id,
        event_type,
        occurred_at
    from referenced

)

select * from final
