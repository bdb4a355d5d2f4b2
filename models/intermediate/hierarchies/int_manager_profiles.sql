-- Each relationship manager as the marts name and place them: the current CRM
-- row's name, team and whom they report to. The marts read it here rather than
-- from staging, so every mart reads intermediate models only.
with managers as (

    select * from {{ ref('stg_crm__managers') }}

),

final as (

    select
        manager_id,
        manager_name,
        team,
        reports_to_manager_id
    from managers

)

select * from final
