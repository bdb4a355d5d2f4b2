{#-
    The last steps of every table's classification decide each raw row's fate
    (raw_row_classification renders the four CTEs); these macros render their bodies:

        repeated_keys as ({{ repeated_raw_row_keys('checked', key_columns) }}),
        single_version_rows as ({{ single_version_raw_rows('checked', 'repeated_keys', key_columns) }}),
        repeated_key_rows as ({{ repeated_key_raw_rows('checked', 'repeated_keys', key_columns, latest_by) }}),
        classified as (select * from single_version_rows union all select * from repeated_key_rows)

    Given `rows`, a CTE with `dq_reason` (null when the row passed its checks):
      kept      - passed its checks and is the latest version of its key;
      duplicate - passed its checks but a later (or identical) row of the same
                  key was kept: 'duplicate_row' for an identical timestamp,
                  'superseded_by_later_update' for an older version;
      rejected  - failed a check; `dq_reason` says which. In an event table
                  (repeated_event_key_raw_rows) also a different event that
                  reuses the key of the kept one ('reused_key').
    Every raw row comes out exactly once, so raw = kept + duplicate + rejected.

    Almost every key has a single raw row, and ranking every row would sort the
    whole table with all its columns (most of a 50-million-row build). So only
    the rows of keys seen more than once are ranked; the others are version 1
    of their key. The big models mark their CTEs `{{ inline_cte() }}`, so the
    two branches read the source twice rather than storing it in between.
-#}

{#-
    The four classification CTEs of a table (repeated_keys, single_version_rows,
    repeated_key_rows, classified), from the table's declared key and version rule
    (raw_table_contract): `latest_version_by`, or `event_time` for an event table.
    `rows` is the CTE of checked rows (with dq_reason). `prefix` goes before each CTE
    name, so that one model can classify several tables (the data-quality models).
-#}
{% macro raw_row_classification(rows, source_name, table_name, prefix='') %}
{%- set contract = raw_table_contract(source_name, table_name) -%}
{%- if execute and not contract['key'] -%}
    {{ exceptions.raise_compiler_error("Raw table " ~ source_name ~ "." ~ table_name
        ~ " declares no key (meta.key in its sources YAML)") }}
{%- endif -%}
{{ prefix }}repeated_keys as (

    {{ repeated_raw_row_keys(rows, contract['key']) }}

),

{{ prefix }}single_version_rows as (

    {{ single_version_raw_rows(rows, prefix ~ 'repeated_keys', contract['key']) }}

),

{{ prefix }}repeated_key_rows as (
    {%- if contract['event_time'] %}

    {{ repeated_event_key_raw_rows(rows, prefix ~ 'repeated_keys', contract['key'], contract['event_time'],
        contract['event_columns']) }}
    {%- else %}

    {{ repeated_key_raw_rows(rows, prefix ~ 'repeated_keys', contract['key'], contract['latest_version_by']) }}
    {%- endif %}

),

{{ prefix }}classified as (

    select * from {{ prefix }}single_version_rows
    union all
    select * from {{ prefix }}repeated_key_rows

)
{%- endmacro %}


{#- The key of a raw row as one text: key columns joined by '|', nulls as ''. -#}
{% macro raw_row_key(key_columns) -%}
    {{ dbt.concat(raw_row_key_parts(key_columns)) }}
{%- endmacro %}


{#- Body of `repeated_keys`: the keys of `rows` seen more than once. -#}
{% macro repeated_raw_row_keys(rows, key_columns) %}
    select {{ raw_row_key(key_columns) }} as repeated_key
    from {{ rows }}
    group by {{ raw_row_key(key_columns) }}
    having count(*) > 1
{% endmacro %}


{#- Body of `single_version_rows`: the rows of keys seen once, kept unless rejected. -#}
{% macro single_version_raw_rows(rows, repeated_keys, key_columns) %}
    select
        {{ rows }}.*,
        {{ raw_row_key(key_columns) }} as dq_row_key,
        1 as dq_version_rank,
        case when dq_reason is null then 'kept' else 'rejected' end as dq_disposition,
        dq_reason as dq_detail
    from {{ rows }}
    left join {{ repeated_keys }}
        on {{ raw_row_key(key_columns) }} = {{ repeated_keys }}.repeated_key
    where {{ repeated_keys }}.repeated_key is null
{% endmacro %}


{#-
    Body of `repeated_key_rows`: the rows of keys seen more than once, ranked
    valid rows first, then the latest (`latest_by`) first; version 1 is kept.
-#}
{% macro repeated_key_raw_rows(rows, repeated_keys, key_columns, latest_by) %}
{%- set row_key = raw_row_key(key_columns) -%}
{%- set version_rank -%}
    row_number() over (
        partition by {{ row_key }}
        order by
            case when dq_reason is null then 0 else 1 end,
            {{ latest_by }} desc
    )
{%- endset %}
    select
        {{ rows }}.*,
        {{ row_key }} as dq_row_key,
        {{ version_rank }} as dq_version_rank,
        case
            when dq_reason is not null then 'rejected'
            when {{ version_rank }} = 1 then 'kept'
            else 'duplicate'
        end as dq_disposition,
        case
            when dq_reason is not null then dq_reason
            when {{ version_rank }} = 1 then null
            when {{ latest_by }} < max(case when dq_reason is null then {{ latest_by }} end) over (
                partition by {{ row_key }}
            )
                then 'superseded_by_later_update: a later version of this key was kept'
            else 'duplicate_row: an identical row of this key was kept'
        end as dq_detail
    from {{ rows }}
    inner join {{ repeated_keys }}
        on {{ row_key }} = {{ repeated_keys }}.repeated_key
{% endmacro %}


{#-
    Body of `repeated_key_rows` for an append-only event table (usage_events,
    email_events, activities, advocacy, invitations): a row records one thing
    that happened and is never edited at the source, so there is no "later
    version" of an event. Rows of one key with the same `event_columns`
    (everything but the key) are one event landed twice: the copies are
    'duplicate_row'. Rows of one key with different content are different events
    sharing a reused id: the one that `occurred_at` first is kept (ties: the
    smallest content as text), and each other one is rejected as 'reused_key'
    (a real event, but the key can name only one; dq_rejected_rows lists it).
    Valid rows rank before rejected ones, as in repeated_key_raw_rows.
-#}
{% macro repeated_event_key_raw_rows(rows, repeated_keys, key_columns, occurred_at, event_columns) %}
{%- set row_key = raw_row_key(key_columns) -%}
{%- set content = raw_row_content(event_columns) -%}
{%- set event_order -%}
    partition by {{ row_key }}
    order by
        case when dq_reason is null then 0 else 1 end,
        {{ occurred_at }},
        {{ content }}
{%- endset %}
{%- set version_rank = 'row_number() over (' ~ event_order ~ ')' -%}
{%- set kept_value -%}
    over ({{ event_order }} rows between unbounded preceding and unbounded following)
{%- endset %}
    select
        {{ rows }}.*,
        {{ row_key }} as dq_row_key,
        {{ version_rank }} as dq_version_rank,
        case
            when dq_reason is not null then 'rejected'
            when {{ version_rank }} = 1 then 'kept'
            when {{ content }} = first_value({{ content }}) {{ kept_value }} then 'duplicate'
            else 'rejected'
        end as dq_disposition,
        case
            when dq_reason is not null then dq_reason
            when {{ version_rank }} = 1 then null
            when {{ content }} = first_value({{ content }}) {{ kept_value }}
                then 'duplicate_row: an identical row of this key was kept'
            else {{ dbt.concat([
                "'reused_key: " ~ key_columns | join(', ') ~ " also names a different event; the one that occurred first was kept ("
                    ~ occurred_at ~ " = '",
                'cast(first_value(' ~ occurred_at ~ ') ' ~ kept_value ~ ' as ' ~ dbt.type_string() ~ ')',
                "')'",
            ]) }}
        end as dq_detail
    from {{ rows }}
    inner join {{ repeated_keys }}
        on {{ row_key }} = {{ repeated_keys }}.repeated_key
{% endmacro %}


{#-
    A row's content as one text, to compare rows and order them: each column as
    text, prefixed by whether it is null (so a null and an empty text differ).
-#}
{% macro raw_row_content(columns) -%}
    {%- set parts = [] -%}
    {%- for column in columns -%}
        {%- if not loop.first -%}{%- do parts.append("'|'") -%}{%- endif -%}
        {%- do parts.append("case when " ~ column ~ " is null then '0' else '1' end") -%}
        {%- do parts.append("coalesce(cast(" ~ column ~ " as " ~ dbt.type_string() ~ "), '')") -%}
    {%- endfor -%}
    {{ dbt.concat(parts) }}
{%- endmacro %}


{#- Key columns as text joined by '|', nulls as ''. -#}
{% macro raw_row_key_parts(key_columns) %}
    {%- set parts = [] -%}
    {%- for column in key_columns -%}
        {%- if not loop.first -%}{%- do parts.append("'|'") -%}{%- endif -%}
        {%- do parts.append("coalesce(cast(" ~ column ~ " as " ~ dbt.type_string() ~ "), '')") -%}
    {%- endfor -%}
    {{ return(parts) }}
{% endmacro %}


{#-
    Body of one raw table's CTE in dq_raw_rows: every row of `base_rows` (a base
    staging model) with its final fate. When the table's raw contract declares
    references, a kept row whose references do not resolve (failed_reference_rows,
    the same checks its stg_ model applies) is rejected with that reason.
-#}
{% macro raw_row_fates(source_name, table_name, base_rows) %}
    {%- set has_references = raw_table_contract(source_name, table_name)['references'] | length > 0 %}
    select
        '{{ source_name }}' as source_name,
        '{{ table_name }}' as table_name,
        base_rows.dq_row_key as row_key,
        base_rows.dq_version_rank as version_rank,
        {%- if not has_references %}
        base_rows.dq_disposition as disposition,
        base_rows.dq_detail as reason,
        {%- else %}
        case when orphans.dq_row_key is null then base_rows.dq_disposition else 'rejected' end as disposition,
        coalesce(orphans.dq_reason, base_rows.dq_detail) as reason,
        {%- endif %}
        base_rows.dq_flag as flag
    from {{ base_rows }} as base_rows
    {%- if has_references %}
    left join (
        {{ failed_reference_rows(source_name, table_name,
            '(select * from ' ~ base_rows ~ " where dq_disposition = 'kept')") }}
    ) as orphans
        on
            base_rows.dq_disposition = 'kept'
            and base_rows.dq_row_key = orphans.dq_row_key
    {%- endif %}
{% endmacro %}
