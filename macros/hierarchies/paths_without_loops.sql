{#- The paths of one hierarchy as its rollups follow them: every (ancestor_id,
    descendant_id, depth) of `paths` (one hierarchy's rows of int_hierarchy_paths)
    whose link into the ancestor closes no loop. A path is kept when the node one
    level below its ancestor is in no loop (in `cycles`, the same hierarchy's rows of
    int_hierarchy_cycles): once a chain enters a loop it stays in it, so nothing
    earlier on that path is either. A node in a loop is thereby read as a top of its
    hierarchy; each node itself (depth 0) is always kept. -#}
{% macro paths_without_loops(paths, cycles) %}
    select
        {{ paths }}.ancestor_id,
        {{ paths }}.descendant_id,
        {{ paths }}.depth
    from {{ paths }}
    left join {{ paths }} as one_below
        on
            {{ paths }}.descendant_id = one_below.descendant_id
            and {{ paths }}.depth - 1 = one_below.depth
    left join {{ cycles }}
        on one_below.ancestor_id = {{ cycles }}.node_id
    where {{ paths }}.depth = 0 or {{ cycles }}.node_id is null
{% endmacro %}
