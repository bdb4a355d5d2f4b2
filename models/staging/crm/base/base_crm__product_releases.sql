-- Every raw release row, typed and checked, with its fate (kept / duplicate / rejected).
with source as (

    {{ select_raw_source('crm', 'product_releases') }}

),

normalized as (

    select
        {{ normalize_enum('product_module') }} as product_module,
        trim(version) as version,
        released_on,

        -- values the raw read could not use (select_raw_source)
        dq_unreadable,
        dq_flag
    from source

),

checked as (

    {{ checked_raw_rows('normalized', 'crm', 'product_releases') }}

),

{{ raw_row_classification('checked', 'crm', 'product_releases') }}

select * from classified
