{#-
    Every (ancestor, descendant, depth) pair of a parent-child table, the node
    itself included at depth 0. Unrolled to `max_depth` levels (var
    engagement__max_hierarchy_depth) rather than a recursive CTE so that the
    same SQL runs on engines without `with recursive`; the test
    assert_hierarchies_within_max_depth fails when a hierarchy is deeper.
    Renders CTEs named <prefix>_level_0..N and <prefix>_paths.
-#}
{% macro hierarchy_paths(nodes, id_column, parent_column, prefix, max_depth=none) %}
    {%- set max_depth = max_depth or var('engagement__max_hierarchy_depth') -%}
{{ prefix }}_level_0 as (

    select
        {{ id_column }} as ancestor_id,
        {{ id_column }} as descendant_id,
        0 as depth
    from {{ nodes }}

),
{% for depth in range(1, max_depth + 1) %}
{{ prefix }}_level_{{ depth }} as (

    select
        {{ nodes }}.{{ parent_column }} as ancestor_id,
        previous_level.descendant_id,
        {{ depth }} as depth
    from {{ prefix }}_level_{{ depth - 1 }} as previous_level
    inner join {{ nodes }}
        on previous_level.ancestor_id = {{ nodes }}.{{ id_column }}
    where {{ nodes }}.{{ parent_column }} is not null

),
{% endfor %}
{{ prefix }}_paths as (

    {% for depth in range(0, max_depth + 1) %}
    select * from {{ prefix }}_level_{{ depth }}
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

)
{% endmacro %}
