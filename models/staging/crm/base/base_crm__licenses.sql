-- Every raw license row, typed and checked, with its fate (kept / duplicate / rejected).
with source as (

    {{ select_raw_source('crm', 'licenses') }}

),

accounts as (

    select account_id from {{ ref('stg_crm__accounts') }}

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

    select
        normalized.*,
        case
            {{- reject_unreadable() }}
            {{- reject_missing(['normalized.license_id', 'normalized.account_id', 'product_module', 'starts_on']) }}
            when normalized.ends_on < normalized.starts_on then 'out_of_range: ends_on is before starts_on'
            {{- reject_orphan('normalized.account_id', 'accounts.account_id', 'accounts') }}
        end as dq_reason
    from normalized
    left join accounts
        on normalized.account_id = accounts.account_id

),

{{ classify_raw_rows('checked', ['license_id'], 'starts_on') }}

select * from classified
