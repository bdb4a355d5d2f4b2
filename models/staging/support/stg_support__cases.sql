-- Clean support.cases: every raw row typed, normalised, checked and classified from its raw
-- contract (_support__sources.yml; raw_table_classification: source -> normalized -> checked ->
-- classified, each row's fate), then the latest version of each key that passed every check
-- and whose declared references resolve (reference_checks.sql), with the renames and
-- defaults that do not affect a row's fate. The rest are in dq_rejected_rows with their reason.
-- The models the references name (dbt draws the graph before it reads the contract):
-- depends_on: {{ ref('stg_crm__accounts') }}
with {{ raw_table_classification('support', 'cases') }},

kept_rows as (

    select * from classified
    where dq_disposition = 'kept'

),

referenced as (

    {{ resolved_reference_rows('support', 'cases', 'kept_rows') }}

),

final as (

    -- the columns in the order the model always had (ST06 would put the expressions last)
    select  -- noqa: ST06
        case_id,
        account_id,
        contact_id,
        -- an unrecognised priority is kept as 'unknown' rather than losing the case
        case
            when priority is null then null
            when priority in ('low', 'normal', 'high', 'urgent') then priority
            else 'unknown'
        end as priority,
        status,
        channel,
        category,
        coalesce(is_escalated, false) as is_escalated,
        csat_score,
        opened_at,
        closed_at
    from referenced

)

select * from final
