-- Every (ancestor, descendant, depth) of both hierarchies as the CRM records
-- them, loops included: accounts by parent_account_id, managers by
-- reports_to_manager_id, each node itself at depth 0. Computed once here;
-- int_hierarchy_cycles finds the loops in it and the two rollup path models
-- (int_account_hierarchy_paths, int_manager_reporting_paths) keep the paths
-- that cross no loop.
-- Unrolled to engagement__max_hierarchy_depth levels rather than a recursive
-- CTE, so that the same SQL runs on engines without `with recursive`; the test
-- assert_hierarchies_within_max_depth fails when a hierarchy is deeper.
{%- set max_depth = var('engagement__max_hierarchy_depth') %}

with accounts as (

    select * from {{ ref('int_account_profiles') }}

),

managers as (

    select * from {{ ref('int_manager_profiles') }}

),

links as (

    select
        'account' as hierarchy,
        account_id as node_id,
        parent_account_id as parent_id
    from accounts

    union all

    select
        'manager' as hierarchy,
        manager_id as node_id,
        reports_to_manager_id as parent_id
    from managers

),

level_0 as (

    select
        hierarchy,
        node_id as ancestor_id,
        node_id as descendant_id,
        0 as depth
    from links

),
{%- for depth in range(1, max_depth + 1) %}

level_{{ depth }} as (

    select
        previous_level.hierarchy,
        links.parent_id as ancestor_id,
        previous_level.descendant_id,
        {{ depth }} as depth
    from level_{{ depth - 1 }} as previous_level
    inner join links
        on
            previous_level.hierarchy = links.hierarchy
            and previous_level.ancestor_id = links.node_id
    where links.parent_id is not null

),
{%- endfor %}

final as (

    {%- for depth in range(0, max_depth + 1) %}
    select * from level_{{ depth }}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}

)

select * from final
