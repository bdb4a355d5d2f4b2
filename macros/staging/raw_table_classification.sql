{#-
    One raw table's whole classification, from its declared contract alone (the
    sources YAML, read by raw_table_contract): every raw row typed, normalised,
    checked and given its fate. Rendered as CTEs, each name led by `prefix`:

        <prefix>source      the typed read (select_raw_source)
        <prefix>normalized  the declared normalisation, under the raw column names
        <prefix>checked     with dq_reason (checked_raw_rows)
        ...                 the classification (raw_row_classification), ending in
        <prefix>classified  every raw row once, with dq_row_key, dq_version_rank,
                            dq_disposition, dq_detail and dq_flag

    A table's stg_ model calls it without a prefix and keeps the `kept` rows;
    dq_raw_rows calls it with one prefix per table, to store every row's fate.
    Nothing that can change a row's fate is left to the caller: the checks, the
    key, the version rule and an event's content all read the rows as
    normalised here.
    A table with a base model (the incremental ones: their normalisation is
    written in that model, not declared) stops the compile, naming the model to
    read instead.
-#}
{% macro raw_table_classification(source_name, table_name, prefix='') %}
{%- set base_model = 'base_' ~ source_name ~ '__' ~ table_name %}
{%- if execute and ('model.' ~ project_name ~ '.' ~ base_model) in graph.nodes %}
    {{ exceptions.raise_compiler_error(
        model.name ~ " classifies the raw table " ~ source_name ~ "." ~ table_name
        ~ " from its contract, but the table has a base model: read its rows' fates from "
        ~ base_model ~ " instead") }}
{%- endif %}
{{ prefix }}source as (

    {{ select_raw_source(source_name, table_name) }}

),

{{ prefix }}normalized as (

    {{ normalized_raw_rows(prefix ~ 'source', source_name, table_name) }}

),

{{ prefix }}checked as (

    {{ checked_raw_rows(prefix ~ 'normalized', source_name, table_name) }}

),

{{ raw_row_classification(prefix ~ 'checked', source_name, table_name, prefix) }}
{%- endmacro %}


{#-
    Body of a table's `normalized` CTE: every contract column of `rows` (a typed
    read) under its raw name, as its column meta says: `normalize: enum` (spelling,
    normalize_enum), `normalize: trim`, `negative: read_as_null` (null_if_negative;
    dq_flag then names the first negative value, flag_negative); then dq_unreadable
    and dq_flag.
-#}
{% macro normalized_raw_rows(rows, source_name, table_name) %}
    {%- set contract = raw_table_contract(source_name, table_name) %}
    {%- set normalize = contract.get('normalize') or {} %}
    {%- set read_as_null = contract.get('negative_read_as_null') or [] %}
    select
        {%- for column in contract.get('columns') or [] %}
        {%- if normalize.get(column) == 'enum' %}
        {{ normalize_enum(column) }} as {{ column }},
        {%- elif normalize.get(column) == 'trim' %}
        trim({{ column }}) as {{ column }},
        {%- elif normalize.get(column) %}
        {{ exceptions.raise_compiler_error("Raw table " ~ source_name ~ "." ~ table_name ~ ", column " ~ column
            ~ ": unknown meta.normalize '" ~ normalize[column] ~ "' (enum or trim)") }}
        {%- elif column in read_as_null %}
        {{ null_if_negative(column) }} as {{ column }},
        {%- else %}
        {{ column }},
        {%- endif %}
        {%- endfor %}
        dq_unreadable,
        {%- if read_as_null %}
        {{ flag_negative(read_as_null) }} as dq_flag
        {%- else %}
        dq_flag
        {%- endif %}
    from {{ rows }}
{% endmacro %}
