{#-
    Reference checks after staging, driven by the raw contract (the sources YAML):
      - a column's `meta.references` names the model its value must be found in
        (`model`), the table named in the reason (`table`) and, for a composite
        reference, the other columns that must match too (`matching`);
      - a table's `meta.key` lists its key columns (the row key dq_raw_rows joins on);
      - a table's `meta.checked_with_references` names a macro of `when ... then ...`
        branches particular to the table that need a referenced row (checked after the
        references), and `meta.carried_from_references` the referenced columns the
        clean rows carry (`<table>.<column>`).
    The checks apply to the clean (kept) rows of the stg_ model, in column order; the
    first failing one names the row's rejection. `int_<source>__<table>_referenced`
    keeps the rows that pass (resolved_reference_rows); dq_raw_rows rejects the others
    with their reason (failed_reference_rows). A model calling these must name every
    referenced model in a `-- depends_on:` line: the contract is read when the model
    runs, after dbt has drawn the graph.
-#}

{#- The contract's reference declarations of a raw table: table meta and column references, in column order. -#}
{% macro declared_references(source_name, table_name) %}
    {%- set declaration = {'key': [], 'references': [], 'particular_checks': none, 'carried_columns': []} -%}
    {%- if execute -%}
        {%- set node = graph.sources['source.' ~ model.package_name ~ '.' ~ source_name ~ '.' ~ table_name] -%}
        {%- set table_meta = node.config.meta if node.config is defined and node.config.meta else node.meta -%}
        {%- do declaration.update({
            'key': (table_meta or {}).get('key', []),
            'particular_checks': (table_meta or {}).get('checked_with_references'),
            'carried_columns': (table_meta or {}).get('carried_from_references', [])
        }) -%}
        {%- for column in node.columns.values() -%}
            {%- set meta = column.config.meta if column.config is defined and column.config.meta else column.meta -%}
            {%- set reference = (meta or {}).get('references') -%}
            {%- if reference -%}
                {%- do declaration['references'].append({
                    'column': column.name,
                    'model': reference['model'],
                    'table': reference['table'],
                    'matching': reference.get('matching', [])
                }) -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endif -%}
    {{ return(declaration) }}
{% endmacro %}


{#- `from` clause: the clean rows (alias `rows`) left-joined to each referenced model (alias: its `table`). -#}
{% macro reference_joins(rows, declaration) %}
    from {{ rows }} as rows
    {%- for reference in declaration['references'] %}
    left join {{ ref(reference['model']) }} as {{ reference['table'] }}
        on
            {%- for column in reference['matching'] + [reference['column']] %}
            {% if not loop.first %}and {% endif %}rows.{{ column }} = {{ reference['table'] }}.{{ column }}
            {%- endfor %}
    {%- endfor %}
{% endmacro %}


{#- The first failing check of a row (`orphan_reference: ...`, then the table's own checks); null when all pass. -#}
{% macro reference_reason(declaration) %}
        case
            {%- for reference in declaration['references'] %}
            {{ reject_orphan('rows.' ~ reference['column'], reference['table'] ~ '.' ~ reference['column'],
                reference['table']) }}
            {%- endfor %}
            {%- if declaration['particular_checks'] %}
            {{ context[declaration['particular_checks']]() }}
            {%- endif %}
        end
{% endmacro %}


{#- Body of int_<source>__<table>_referenced: the clean rows whose references all resolve. -#}
{% macro resolved_reference_rows(source_name, table_name, rows) %}
    {%- set declaration = declared_references(source_name, table_name) %}
    select
        rows.*
        {%- for column in declaration['carried_columns'] %},
        {{ column }}
        {%- endfor %}
    {{ reference_joins(rows, declaration) }}
    where {{ reference_reason(declaration) }} is null
{% endmacro %}


{#- The clean rows rejected by a reference check: their row key (as in the base model) and reason. -#}
{% macro failed_reference_rows(source_name, table_name, rows) %}
    {%- set declaration = declared_references(source_name, table_name) %}
    {%- set key_columns = [] %}
    {%- for column in declaration['key'] %}{% do key_columns.append('rows.' ~ column) %}{% endfor %}
    select
        {{ raw_row_key(key_columns) }} as dq_row_key,
        {{ reference_reason(declaration) }} as dq_reason
    {{ reference_joins(rows, declaration) }}
    where {{ reference_reason(declaration) }} is not null
{% endmacro %}
