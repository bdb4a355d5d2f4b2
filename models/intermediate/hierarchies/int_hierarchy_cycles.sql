-- Accounts and managers whose parent link closes a loop (an account that is its
-- own parent, A -> B -> A, a manager reporting line that comes back to itself).
-- The rollups ignore these links (the node is read as a top of its hierarchy),
-- so the rest of the hierarchy and every mart still build; dq_flagged_values
-- lists each one. Loops longer than engagement__max_hierarchy_depth are not
-- seen here: assert_hierarchies_within_max_depth fails for them.
with accounts as (

    select
        account_id,
        parent_account_id
    from {{ ref('stg_crm__accounts') }}

),

managers as (

    select
        manager_id,
        reports_to_manager_id
    from {{ ref('stg_crm__managers') }}

),

{{ hierarchy_paths('accounts', 'account_id', 'parent_account_id', 'accounts') }},

{{ hierarchy_paths('managers', 'manager_id', 'reports_to_manager_id', 'managers') }},

account_cycle_members as (

    select distinct descendant_id as node_id
    from accounts_paths
    where depth > 0 and ancestor_id = descendant_id

),

manager_cycle_members as (

    select distinct descendant_id as node_id
    from managers_paths
    where depth > 0 and ancestor_id = descendant_id

),

final as (

    select
        'account' as hierarchy,
        accounts.account_id as node_id,
        accounts.parent_account_id as parent_id
    from accounts
    inner join account_cycle_members
        on accounts.account_id = account_cycle_members.node_id

    union all

    select
        'manager' as hierarchy,
        managers.manager_id as node_id,
        managers.reports_to_manager_id as parent_id
    from managers
    inner join manager_cycle_members
        on managers.manager_id = manager_cycle_members.node_id

)

select * from final
