-- Every account with each of its ancestors in the corporate hierarchy
-- (parent_account_id, any depth), itself included at depth 0, as the rollups
-- follow it: a link that closes a loop is ignored, so that account is read as a
-- top of the hierarchy. From the paths computed once in int_hierarchy_paths: a
-- path is kept when the account one level below its ancestor is in no loop
-- (once a chain enters a loop it stays in it, so nothing earlier is either).
-- A view: one model reads it, so storing it would only add a write (issue #17).
{{ config(materialized=view_materialization()) }}

with paths as (

    select * from {{ ref('int_hierarchy_paths') }}
    where hierarchy = 'account'

),

cycles as (

    select * from {{ ref('int_hierarchy_cycles') }}
    where hierarchy = 'account'

),

final as (

    select
        paths.ancestor_id as ancestor_account_id,
        paths.descendant_id as account_id,
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
