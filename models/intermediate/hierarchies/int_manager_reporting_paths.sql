-- Every relationship manager with each manager above them in the reporting line
-- (reports_to_manager_id, any depth), themselves included at depth 0, as the
-- rollups follow it: a link that closes a loop is ignored, so that manager is
-- read as a top of the hierarchy. From the paths computed once in
-- int_hierarchy_paths: a path is kept when the manager one level below its
-- ancestor is in no loop (once a chain enters a loop it stays in it).
with paths as (

    select * from {{ ref('int_hierarchy_paths') }}
    where hierarchy = 'manager'

),

cycles as (

    select * from {{ ref('int_hierarchy_cycles') }}
    where hierarchy = 'manager'

),

final as (

    select
        paths.ancestor_id as ancestor_manager_id,
        paths.descendant_id as manager_id,
        paths.depth
    from paths
    left join paths as one_below
        on
            paths.descendant_id = one_below.descendant_id
            and paths.depth - 1 = one_below.depth
    left join cycles
        on one_below.ancestor_id = cycles.node_id
    where paths.depth = 0 or cycles.node_id is null

)

select * from final
