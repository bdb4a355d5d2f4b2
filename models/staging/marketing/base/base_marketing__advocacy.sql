-- Every raw advocacy row, typed and checked, with its fate (kept / duplicate / rejected).
with source as (

    {{ select_raw_source('marketing', 'advocacy') }}

),

normalized as (

    select
        advocacy_id,
        account_id,
        contact_id,
        {{ normalize_enum('advocacy_type') }} as advocacy_type,
        occurred_at,

        -- values the raw read could not use (select_raw_source)
        dq_unreadable,
        dq_flag
    from source

),

checked as (

    {{ checked_raw_rows('normalized', 'marketing', 'advocacy') }}

),

{{ raw_row_classification('checked', 'marketing', 'advocacy') }}

select * from classified
