{#-
    Seeds on Spark: dbt-spark's own loader sends every row as literals in
    `insert ... values` statements, which takes minutes for the demo's 70,000
    usage events and breaks on values with a quote (`'`). This override, which
    dbt picks over the adapter's through dispatch (root project first), lets
    Spark read the seed's CSV file itself and casts each column to its
    `column_types` (or the type dbt inferred). Other engines keep dbt's loader.
-#}
{% macro spark__load_csv_rows(model, agate_table) %}
    {%- set column_override = model['config'].get('column_types', {}) -%}
    {%- set csv_path = model.root_path ~ '/' ~ model.original_file_path -%}
    {%- set csv_view = 'seed_csv__' ~ model.name -%}
    {%- call statement('seed_csv_view') -%}
        create or replace temporary view {{ csv_view }}
        using csv
        options (
            path '{{ csv_path | replace("'", "\\'") }}',
            header 'true',
            inferSchema 'false',
            escape '"',
            multiLine 'true',
            mode 'FAILFAST'
        )
    {%- endcall -%}
    {%- set sql -%}
        insert into {{ this.render() }}
        select
        {%- for col_name in agate_table.column_names %}
            {%- set inferred_type = adapter.convert_type(agate_table, loop.index0) %}
            cast(`{{ col_name }}` as {{ column_override.get(col_name, inferred_type) }}){{ "," if not loop.last }}
        {%- endfor %}
        from {{ csv_view }}
    {%- endset -%}
    {%- call statement('seed_csv_insert') -%}
        {{ sql }}
    {%- endcall -%}
    {%- call statement('seed_csv_view_drop') -%}
        drop view if exists {{ csv_view }}
    {%- endcall -%}
    {{ return(sql) }}
{% endmacro %}
