-- Every raw support case, typed and checked, with its fate (kept / duplicate / rejected).
with source as (

    {{ select_raw_source('support', 'cases') }}

),

normalized as (

    select
        case_id,
        account_id,
        contact_id,
        -- an unrecognised priority is kept as 'unknown' rather than losing the case
        case
            when priority is null then null
            when {{ normalize_enum('priority') }} in ('low', 'normal', 'high', 'urgent')
                then {{ normalize_enum('priority') }}
            else 'unknown'
        end as priority,
        {{ normalize_enum('status') }} as status,
        {{ normalize_enum('channel') }} as channel,
        category,
        coalesce(is_escalated, false) as is_escalated,
        csat_score,
        opened_at,
        closed_at,

        -- values the raw read could not use (select_raw_source)
        dq_unreadable,
        dq_flag
    from source

),

checked as (

    {% call checked_raw_rows('normalized', 'support', 'cases') -%}
            when csat_score not between 1 and 5
                then {{ dbt.concat(["'out_of_range: csat_score '",
                    "cast(csat_score as " ~ dbt.type_string() ~ ")", "' outside 1-5'"]) }}
    {%- endcall %}

),

{{ raw_row_classification('checked', 'support', 'cases') }}

select * from classified
