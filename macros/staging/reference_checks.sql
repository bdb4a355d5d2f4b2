{#-
    Reference checks of the clean stg_ models, driven by the raw contract (the sources YAML, read
    by raw_table_contract):
      - a column's `meta.references` names the model its value must be found in
        (`model`), the table named in the reason (`table`) and, for a composite
        reference, the other columns that must match too (`matching`);
      - a table's `meta.key` lists its key columns (the row key dq_raw_rows joins on);
      - a table's `meta.checked_with_references` names a macro of `when ... then ...`
        branches particular to the table that need a referenced row (checked after the
        references), and `meta.carried_from_references` the referenced columns the
        clean rows carry (`<table>.<column>`).
    The checks apply to the table's kept rows (its classification's), in column order; the
    first failing one names the row's rejection. `stg_<source>__<table>` keeps the rows
    that pass (resolved_reference_rows); dq_raw_rows rejects the others with their
    reason (failed_reference_rows). A model calling these must name every
    referenced model in a `-- depends_on:` line: the contract is read when the model
    runs, after dbt has drawn the graph.
-#}

{#- `from` clause: the clean rows (alias `checked_rows`) left-joined to each referenced model (alias: its `table`). -#}
{% macro reference_joins(rows, declaration) %}
    from {{ rows }} as checked_rows
    {%- for reference in declaration['references'] %}
    left join {{ ref(reference['model']) }} as {{ reference['table'] }}
        on
            {%- for column in reference['matching'] + [reference['column']] %}
            {% if not loop.first %}and {% endif %}checked_rows.{{ column }} = {{ reference['table'] }}.{{ column }}
            {%- endfor %}
    {%- endfor %}
{% endmacro %}


{#- The first failing check of a row (`orphan_reference: ...`, then the table's own checks); null when all pass. -#}
{% macro reference_reason(declaration) %}
        case
            {%- for reference in declaration['references'] %}
            {{ reject_orphan('checked_rows.' ~ reference['column'], reference['table'] ~ '.' ~ reference['column'],
                reference['table']) }}
            {%- endfor %}
            {%- if declaration['particular_checks'] %}
            {{ context[declaration['particular_checks']]() }}
            {%- endif %}
        end
{% endmacro %}


{#- The reference step of stg_<source>__<table>: the kept rows whose references all resolve. -#}
{% macro resolved_reference_rows(source_name, table_name, rows) %}
    {%- set declaration = raw_table_contract(source_name, table_name) %}
    select
        checked_rows.*
        {%- for column in declaration['carried_columns'] %},
        {{ column }}
        {%- endfor %}
    {{ reference_joins(rows, declaration) }}
    where {{ reference_reason(declaration) }} is null
{% endmacro %}


{#- The kept rows rejected by a reference check: their row key (as in the base model) and reason. -#}
{% macro failed_reference_rows(source_name, table_name, rows) %}
    {%- set declaration = raw_table_contract(source_name, table_name) %}
    {%- set key_columns = [] %}
    {%- for column in declaration['key'] %}{% do key_columns.append('checked_rows.' ~ column) %}{% endfor %}
    select
        {{ raw_row_key(key_columns) }} as dq_row_key,
        {{ reference_reason(declaration) }} as dq_reason
    {{ reference_joins(rows, declaration) }}
    where {{ reference_reason(declaration) }} is not null
{% endmacro %}
