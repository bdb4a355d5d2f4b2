{#-
    Final step of every base staging model. Given a CTE of raw rows with
    `dq_reason` (null when the row passed its checks), decides each row's fate:
      kept      - passed its checks and is the latest version of its key;
      duplicate - passed its checks but a later (or identical) row of the same
                  key was kept: 'duplicate_row' for an identical timestamp,
                  'superseded_by_later_update' for an older version;
      rejected  - failed a check; `dq_reason` says which.
    Every raw row comes out exactly once, so raw = kept + duplicate + rejected.
-#}
{% macro classify_raw_rows(checked_cte, key_columns, latest_by) %}
ranked as (

    select
        *,
        row_number() over (
            partition by {{ key_columns | join(', ') }}
            order by
                case when dq_reason is null then 0 else 1 end,
                {{ latest_by }} desc
        ) as dq_version_rank,
        max(case when dq_reason is null then {{ latest_by }} end) over (
            partition by {{ key_columns | join(', ') }}
        ) as dq_latest_valid_version
    from {{ checked_cte }}

),

classified as (

    select
        *,
        {{ dbt.concat(raw_row_key_parts(key_columns)) }} as dq_row_key,
        case
            when dq_reason is not null then 'rejected'
            when dq_version_rank = 1 then 'kept'
            else 'duplicate'
        end as dq_disposition,
        case
            when dq_reason is not null then dq_reason
            when dq_version_rank = 1 then null
            when {{ latest_by }} < dq_latest_valid_version
                then 'superseded_by_later_update: a later version of this key was kept'
            else 'duplicate_row: an identical row of this key was kept'
        end as dq_detail
    from ranked

)
{% endmacro %}


{#- Key columns as text joined by '|', nulls as ''. -#}
{% macro raw_row_key_parts(key_columns) %}
    {%- set parts = [] -%}
    {%- for column in key_columns -%}
        {%- if not loop.first -%}{%- do parts.append("'|'") -%}{%- endif -%}
        {%- do parts.append("coalesce(cast(" ~ column ~ " as " ~ dbt.type_string() ~ "), '')") -%}
    {%- endfor -%}
    {{ return(parts) }}
{% endmacro %}
