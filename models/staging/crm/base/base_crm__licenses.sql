-- Every raw license row, typed and checked, with its fate (kept / duplicate / rejected).
with source as (

    {{ select_raw_source('crm', 'licenses') }}

),

normalized as (

    select
        license_id,
        account_id,
        {{ normalize_enum('product_module') }} as product_module,
        {{ null_if_negative('seats') }} as seats,
        starts_on,
        ends_on,
        {{ null_if_negative('annual_value') }} as annual_value,

        -- values the raw read could not use (select_raw_source)
        dq_unreadable,
        {{ flag_negative(['seats', 'annual_value']) }} as dq_flag
    from source

),

checked as (

    {% call checked_raw_rows('normalized', 'crm', 'licenses') -%}
            when ends_on < starts_on then 'out_of_range: ends_on is before starts_on'
    {%- endcall %}

),

{{ raw_row_classification('checked', 'crm', 'licenses') }}

select * from classified
