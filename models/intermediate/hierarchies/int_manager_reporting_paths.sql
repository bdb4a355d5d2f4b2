-- Every relationship manager with each manager above them in the reporting line
-- (reports_to_manager_id, any depth), themselves included at depth 0.
with managers as (

    select
        manager_id,
        reports_to_manager_id
    from {{ ref('stg_crm__managers') }}

),

cycles as (

    select node_id
    from {{ ref('int_hierarchy_cycles') }}
    where hierarchy = 'manager'

),

-- a link that closes a loop is ignored: that node is read as a top of the hierarchy
acyclic_links as (

    select
        managers.manager_id,
        case when cycles.node_id is null then managers.reports_to_manager_id end as reports_to_manager_id
    from managers
    left join cycles
        on managers.manager_id = cycles.node_id

),

{{ hierarchy_paths('acyclic_links', 'manager_id', 'reports_to_manager_id', 'managers') }},

final as (

    select
        ancestor_id as ancestor_manager_id,
        descendant_id as manager_id,
        depth
    from managers_paths

)

select * from final
