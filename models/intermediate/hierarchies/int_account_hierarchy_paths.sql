-- Every account with each of its ancestors in the corporate hierarchy
-- (parent_account_id, any depth), itself included at depth 0.
-- A view: one model reads it, so storing it would only add a write (issue #17).
{{ config(materialized=view_materialization()) }}

with accounts as (

    select
        account_id,
        parent_account_id
    from {{ ref('stg_crm__accounts') }}

),

cycles as (

    select node_id
    from {{ ref('int_hierarchy_cycles') }}
    where hierarchy = 'account'

),

-- a link that closes a loop is ignored: that node is read as a top of the hierarchy
acyclic_links as (

    select
        accounts.account_id,
        case when cycles.node_id is null then accounts.parent_account_id end as parent_account_id
    from accounts
    left join cycles
        on accounts.account_id = cycles.node_id

),

{{ hierarchy_paths('acyclic_links', 'account_id', 'parent_account_id', 'accounts') }},

final as (

    select
        ancestor_id as ancestor_account_id,
        descendant_id as account_id,
        depth
    from accounts_paths

)

select * from final
