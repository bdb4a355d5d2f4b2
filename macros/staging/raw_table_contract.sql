{#-
    One raw table's contract as its sources YAML declares it, read when a model runs
    (the graph holds the sources only then; a unit test, whose graph has none, gives
    it as a macro override). Table meta:
      key                      the key columns: one kept row per key
      latest_version_by        which version of a key wins (the latest by this)
      event_time               instead, for an append-only event table: rows of one key
                               alike are duplicates, different ones reuse the key
                               (the first to occur is kept); the event's content is
                               every contract column but the key
      checked_with             a macro of the table's own row checks (`when ... then`
                               branches on the raw column names), after the contract's
      checked_with_references  a macro of the table's own checks after its references
      carried_from_references  referenced columns its clean rows carry
    Column meta:
      required                 a row without a value is rejected (missing_required)
      accepted_values          the values the column may hold, after normalize_enum
                               (others rejected: unknown_enum)
      not_in_future            a value later than the build time (plus a tolerance) is
                               rejected (future_timestamp)
      references               the model the value must be found in (reference_checks.sql)
      normalize                `enum` (normalize_enum) or `trim`: the value as the checks,
                               the key and the version rule read it
      negative                 `read_as_null`: a negative value is read as null, the row
                               kept and flagged (null_if_negative, flag_negative)
    The contract's columns (`columns`, in order) are the ones a table's classification
    selects (normalized_raw_rows): a unit test's override lists them too.
-#}
{% macro raw_table_contract(source_name, table_name) %}
    {%- set contract = {
        'key': [], 'latest_version_by': none, 'event_time': none, 'event_columns': [],
        'required': [], 'accepted_values': {}, 'not_in_future': [],
        'references': [], 'particular_checks': none, 'carried_columns': [],
        'columns': [], 'normalize': {}, 'negative_read_as_null': [], 'own_checks': none
    } -%}
    {%- if execute -%}
        {%- set node = graph.sources['source.' ~ model.package_name ~ '.' ~ source_name ~ '.' ~ table_name] -%}
        {%- set table_meta = (node.config.meta if node.config is defined and node.config.meta else node.meta) or {} -%}
        {%- do contract.update({
            'key': table_meta.get('key', []),
            'latest_version_by': table_meta.get('latest_version_by'),
            'event_time': table_meta.get('event_time'),
            'particular_checks': table_meta.get('checked_with_references'),
            'own_checks': table_meta.get('checked_with'),
            'carried_columns': table_meta.get('carried_from_references', [])
        }) -%}
        {%- for column in node.columns.values() -%}
            {%- set meta = column.config.meta if column.config is defined and column.config.meta else column.meta -%}
            {%- set reference = (meta or {}).get('references') -%}
            {%- if (meta or {}).get('required', false) -%}
                {%- do contract['required'].append(column.name) -%}
            {%- endif -%}
            {%- if (meta or {}).get('not_in_future', false) -%}
                {%- do contract['not_in_future'].append(column.name) -%}
            {%- endif -%}
            {%- if (meta or {}).get('accepted_values') -%}
                {%- do contract['accepted_values'].update({column.name: meta['accepted_values']}) -%}
            {%- endif -%}
            {%- do contract['columns'].append(column.name) -%}
            {%- if (meta or {}).get('normalize') -%}
                {%- do contract['normalize'].update({column.name: meta['normalize']}) -%}
            {%- endif -%}
            {%- if (meta or {}).get('negative') == 'read_as_null' -%}
                {%- do contract['negative_read_as_null'].append(column.name) -%}
            {%- endif -%}
            {%- if column.name not in contract['key'] -%}
                {%- do contract['event_columns'].append(column.name) -%}
            {%- endif -%}
            {%- if reference -%}
                {%- do contract['references'].append({
                    'column': column.name,
                    'model': reference['model'],
                    'table': reference['table'],
                    'matching': reference.get('matching', [])
                }) -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endif -%}
    {{ return(contract) }}
{% endmacro %}
