-- Every raw survey definition, typed and checked, with its fate (kept / duplicate / rejected).
with source as (

    {{ select_raw_source('survey', 'surveys') }}

),

normalized as (

    select
        survey_id,
        {{ normalize_enum('survey_type') }} as survey_type,
        survey_name,

        -- values the raw read could not use (select_raw_source)
        dq_unreadable,
        dq_flag
    from source

),

checked as (

    select
        *,
        case
            {{- reject_unreadable() }}
            {{- reject_missing(['survey_id', 'survey_type']) }}
            {{- reject_unknown_enum('survey_type', ['nps', 'csat', 'ces']) }}
        end as dq_reason
    from normalized

),

repeated_keys as (

    {{ repeated_raw_row_keys('checked', ['survey_id']) }}

),

single_version_rows as (

    {{ single_version_raw_rows('checked', 'repeated_keys', ['survey_id']) }}

),

repeated_key_rows as (

    {{ repeated_key_raw_rows('checked', 'repeated_keys', ['survey_id'], 'survey_name') }}

),

classified as (

    select * from single_version_rows
    union all
    select * from repeated_key_rows

)

select * from classified
