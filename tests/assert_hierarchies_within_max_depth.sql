-- The rollups follow hierarchies to engagement__max_hierarchy_depth levels. Fails
-- when an account or manager still has a parent at that depth (the hierarchy is
-- deeper than followed, or has a cycle): raise the variable or fix the data.
{%- set max_depth = var('engagement__max_hierarchy_depth') %}

with account_paths_too_deep as (

    select
        'account' as hierarchy,
        account_paths.account_id as node_id
    from {{ ref('int_account_hierarchy_paths') }} as account_paths
    inner join {{ ref('stg_crm__accounts') }} as parent_rows
        on account_paths.ancestor_account_id = parent_rows.account_id
    where account_paths.depth = {{ max_depth }} and parent_rows.parent_account_id is not null

),

manager_paths_too_deep as (

    select
        'manager' as hierarchy,
        manager_paths.manager_id as node_id
    from {{ ref('int_manager_reporting_paths') }} as manager_paths
    inner join {{ ref('stg_crm__managers') }} as managers
        on manager_paths.ancestor_manager_id = managers.manager_id
    where manager_paths.depth = {{ max_depth }} and managers.reports_to_manager_id is not null

)

select * from account_paths_too_deep
union all
select * from manager_paths_too_deep
