-- Every account with each of its ancestors in the corporate hierarchy
-- (parent_account_id, any depth), itself included at depth 0, as the rollups
-- follow it: a link that closes a loop is ignored, so that account is read as a
-- top of the hierarchy. From the paths computed once in int_hierarchy_paths,
-- without the loops found in int_hierarchy_cycles (the macro
-- paths_without_loops, the same for both hierarchies).
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

followed_paths as (

    {{ paths_without_loops('paths', 'cycles') }}

),

final as (

    select
        ancestor_id as ancestor_account_id,
        descendant_id as account_id,
        depth
    from followed_paths

)

select * from final
