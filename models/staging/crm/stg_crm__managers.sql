-- Clean crm.managers: every raw row typed, normalised, checked and classified from its raw
-- contract (_crm__sources.yml; raw_table_classification: source -> normalized -> checked ->
-- classified, each row's fate), then the latest version of each key that passed every check
-- (no declared references), with the renames and defaults that do not affect a row's fate.
-- The rest are in dq_rejected_rows with their reason.
with {{ raw_table_classification('crm', 'managers') }},

kept_rows as (

    select * from classified
    where dq_disposition = 'kept'

),

final as (

    select
        manager_id,
        reports_to_manager_id,
        manager_name,
        email,
        team,
        region,
        coalesce(is_active, true) as is_active
    from kept_rows

)

select * from final
