-- Every relationship manager with each manager above them in the reporting line
-- (reports_to_manager_id, any depth), themselves included at depth 0.
with managers as (

    select
        manager_id,
        reports_to_manager_id
    from {{ ref('stg_crm__managers') }}

),

{{ hierarchy_paths('managers', 'manager_id', 'reports_to_manager_id', 'managers') }},

final as (

    select
        ancestor_id as ancestor_manager_id,
        descendant_id as manager_id,
        depth
    from managers_paths

)

select * from final
