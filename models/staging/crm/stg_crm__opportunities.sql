-- Clean crm.opportunities: every raw row typed, normalised, checked and classified from its raw
-- contract (_crm__sources.yml; raw_table_classification: source -> normalized -> checked ->
-- classified, each row's fate), then the latest version of each key that passed every check
-- and whose declared references resolve (reference_checks.sql), with the renames and
-- defaults that do not affect a row's fate. The rest are in dq_rejected_rows with their reason.
-- The models the references name (dbt draws the graph before it reads the contract):
-- depends_on: {{ ref('stg_crm__accounts') }}
with {{ raw_table_classification('crm', 'opportunities') }},

kept_rows as (

    select * from classified
    where dq_disposition = 'kept'

),

referenced as (

    {{ resolved_reference_rows('crm', 'opportunities', 'kept_rows') }}

),

final as (

    -- the columns in the order the model always had (ST06 would put the expressions last)
    select  -- noqa: ST06
        opportunity_id,
        account_id,
        opportunity_type,
        stage,
        amount,
        coalesce(is_won, false) as is_won,
        coalesce(is_closed, false) or coalesce(is_won, false) as is_closed,
        created_at,
        closed_at
    from referenced

)

select * from final
