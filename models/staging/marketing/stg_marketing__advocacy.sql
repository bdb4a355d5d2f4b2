-- Clean marketing.advocacy: every raw row typed, normalised, checked and classified from its raw
-- contract (_marketing__sources.yml; raw_table_classification: source -> normalized -> checked ->
-- classified, each row's fate), then the latest version of each key that passed every check
-- and whose declared references resolve (reference_checks.sql). The rest are in
-- dq_rejected_rows with their reason.
-- The models the references name (dbt draws the graph before it reads the contract):
-- depends_on: {{ ref('stg_crm__accounts') }}
with {{ raw_table_classification('marketing', 'advocacy') }},

kept_rows as (

    select * from classified
    where dq_disposition = 'kept'

),

referenced as (

    {{ resolved_reference_rows('marketing', 'advocacy', 'kept_rows') }}

),

final as (

    select
        advocacy_id,
        account_id,
        contact_id,
        advocacy_type,
        occurred_at
    from referenced

)

select * from final
