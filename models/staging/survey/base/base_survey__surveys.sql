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

    {{ checked_raw_rows('normalized', 'survey', 'surveys') }}

),

{{ raw_row_classification('checked', 'survey', 'surveys') }}

select * from classified
