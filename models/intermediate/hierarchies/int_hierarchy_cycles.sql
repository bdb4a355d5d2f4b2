-- Accounts and managers whose parent link closes a loop (an account that is its
-- own parent, A -> B -> A, a manager reporting line that comes back to itself):
-- the nodes that are their own ancestor in int_hierarchy_paths.
-- The rollups ignore these links (the node is read as a top of its hierarchy),
-- so the rest of the hierarchy and every mart still build; dq_flagged_values
-- lists each one. Loops longer than engagement__max_hierarchy_depth are not
-- seen here: assert_hierarchies_within_max_depth fails for them.
with paths as (

    select * from {{ ref('int_hierarchy_paths') }}

),

cycle_members as (

    select distinct
        hierarchy,
        descendant_id as node_id
    from paths
    where depth > 0 and ancestor_id = descendant_id

),

-- the parent each member points at: its ancestor one level up
final as (

    select
        cycle_members.hierarchy,
        cycle_members.node_id,
        parents.ancestor_id as parent_id
    from cycle_members
    inner join paths as parents
        on
            cycle_members.hierarchy = parents.hierarchy
            and cycle_members.node_id = parents.descendant_id
            and parents.depth = 1

)

select * from final
