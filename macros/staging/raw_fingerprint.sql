{#-
    "Did anything arrive?" (issue #17): a daily run with no new data should cost
    almost nothing. dbt cannot skip a model without running it, so the daily
    command scripts/daily_build.py asks first (run-operation
    raw_inputs_unchanged) and runs `dbt build` only when the answer is no.

    The fingerprint of the inputs is, per raw table, its row count and the sum
    of the hashes of its rows (any insert, update or delete changes it), plus
    the checksums of the project's models, seeds and tests and the vars of the
    run. The two big append-only tables (usage_events, email_events: tens of
    millions of rows, stamped by the system that records them) count their
    rows and their latest stamp instead of hashing every row: their staging
    is incremental by that stamp anyway, so a change that leaves both alone
    would not reach an incremental build either. A change of macros only is
    not seen: after an upgrade, run `dbt build --full-refresh` (docs/operations.md). It is stored
    by an on-run-end hook after every complete, successful `dbt build` or
    `dbt run` (no --select, nothing failed): store_raw_fingerprint().
    DuckDB only; on other engines, and when a raw table is missing (the demo
    seeds), there is no fingerprint and every daily run builds.
-#}

{%- macro raw_fingerprint_relation() -%}
    {{ return(api.Relation.create(database=target.database, schema=target.schema ~ '_state',
        identifier='raw_input_fingerprints')) }}
{%- endmacro %}


{#- The current fingerprint as one text, or none where there is none (see above). -#}
{% macro raw_inputs_fingerprint() %}
    {{ return(adapter.dispatch('raw_inputs_fingerprint', 'engagement')()) }}
{% endmacro %}

{% macro default__raw_inputs_fingerprint() %}
    {{ return(none) }}
{% endmacro %}

{% macro duckdb__raw_inputs_fingerprint() %}
    {%- if not execute -%}{{ return(none) }}{%- endif -%}
    {%- set parts = [] -%}
    {%- for source_name, table_name in raw_tables() -%}
        {%- if reads_demo_source(source_name) or not source_is_used(source_name) -%}
            {{ return(none) }}
        {%- endif -%}
        {%- set relation = source(source_name, table_name) -%}
        {%- if adapter.get_relation(relation.database, relation.schema, relation.identifier) is none -%}
            {{ return(none) }}
        {%- endif -%}
        {%- set stamp = {'usage_events': 'occurred_at', 'email_events': 'occurred_at'}.get(table_name) -%}
        {%- set content = ("cast(max(" ~ stamp ~ ") as varchar)") if stamp
            else "cast(coalesce(sum(hash(raw_rows)), 0) as varchar)" -%}
        {%- do parts.append("select '" ~ source_name ~ "." ~ table_name ~ "' as raw_table, count(*) as row_count, "
            ~ content ~ " as content from " ~ relation ~ " as raw_rows") -%}
    {%- endfor -%}
    {%- set query = parts | join('\nunion all\n') ~ '\norder by raw_table' -%}
    {%- set rows = run_query(query) -%}
    {%- set lines = [] -%}
    {%- for row in rows -%}
        {%- do lines.append(row[0] ~ ':' ~ row[1] ~ ':' ~ row[2]) -%}
    {%- endfor -%}
    {%- set code = [] -%}
    {%- for node in graph.nodes.values() | sort(attribute='unique_id') -%}
        {%- do code.append(node.unique_id ~ '=' ~ (node.checksum.checksum if node.checksum else '')) -%}
    {%- endfor -%}
    {{ return(lines | join(';') ~ '|code:' ~ local_md5(code | join(';')) ~ '|vars:'
        ~ local_md5(tojson(invocation_args_dict.get('vars', {})))) }}
{% endmacro %}


{#- on-run-end: store the fingerprint after a complete, successful build. -#}
{% macro store_raw_fingerprint(results) %}
    {%- if not execute or flags.WHICH not in ['build', 'run'] -%}{{ return('') }}{%- endif -%}
    {%- if invocation_args_dict.get('select') or invocation_args_dict.get('exclude') -%}{{ return('') }}{%- endif -%}
    {%- for result in results -%}
        {%- if result.status not in ['success', 'pass', 'warn'] -%}{{ return('') }}{%- endif -%}
    {%- endfor -%}
    {%- set fingerprint = raw_inputs_fingerprint() -%}
    {%- if fingerprint is none -%}{{ return('') }}{%- endif -%}
    {%- set relation = raw_fingerprint_relation() -%}
    {%- do adapter.create_schema(relation) -%}
    {%- call statement('store_raw_fingerprint') -%}
        create or replace table {{ relation }} as
        select '{{ fingerprint }}' as fingerprint, current_timestamp as stored_at
    {%- endcall -%}
    {#- the statement opened a transaction; a hook's own is never committed -#}
    {%- do adapter.commit() -%}
    {{ return('') }}
{% endmacro %}


{#-
    run-operation: prints RAW_INPUTS_UNCHANGED when the inputs are those of the
    last complete build, RAW_INPUTS_CHANGED otherwise (or without a fingerprint).
-#}
{% macro raw_inputs_unchanged() %}
    {%- set fingerprint = raw_inputs_fingerprint() -%}
    {%- set relation = raw_fingerprint_relation() -%}
    {%- set stored = none -%}
    {%- if fingerprint is not none
        and adapter.get_relation(relation.database, relation.schema, relation.identifier) is not none -%}
        {%- set rows = run_query('select fingerprint, stored_at from ' ~ relation) -%}
        {%- if rows | length == 1 and rows[0][0] == fingerprint -%}
            {%- set stored = rows[0][1] -%}
        {%- endif -%}
    {%- endif -%}
    {%- if stored is not none -%}
        {{ log('RAW_INPUTS_UNCHANGED since the complete build of ' ~ stored, info=True) }}
    {%- else -%}
        {{ log('RAW_INPUTS_CHANGED', info=True) }}
    {%- endif -%}
{% endmacro %}
