-- Every relationship manager with each manager above them in the reporting line
-- (reports_to_manager_id, any depth), themselves included at depth 0, as the
-- rollups follow it: a link that closes a loop is ignored, so that manager is
-- read as a top of the hierarchy. From the paths computed once in
-- int_hierarchy_paths, without the loops found in int_hierarchy_cycles (the
-- macro paths_without_loops, the same for both hierarchies).
with paths as (

    select * from {{ ref('int_hierarchy_paths') }}
    where hierarchy = 'manager'

),

cycles as (

    select * from {{ ref('int_hierarchy_cycles') }}
    where hierarchy = 'manager'

),

followed_paths as (

    {{ paths_without_loops('paths', 'cycles') }}

),

final as (

    select
        ancestor_id as ancestor_manager_id,
        descendant_id as manager_id,
        depth
    from followed_paths

)

select * from final
