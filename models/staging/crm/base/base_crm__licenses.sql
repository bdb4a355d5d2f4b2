-- Every raw license row, typed and checked, with its fate (kept / duplicate / rejected).
with source as (

    {{ select_raw_source('crm', 'licenses') }}

),

accounts as (

    select account_id from {{ ref('stg_crm__accounts') }}

),

normalised as (

    select
        license_id,
        account_id,
        {{ normalise_enum('product_module') }} as product_module,
        seats,
        starts_on,
        ends_on,
        annual_value
    from source

),

checked as (

    select
        normalised.*,
        case
            {{- reject_missing(['normalised.license_id', 'normalised.account_id', 'product_module', 'starts_on']) }}
            when normalised.ends_on < normalised.starts_on then 'out_of_range: ends_on is before starts_on'
            {{- reject_orphan('normalised.account_id', 'accounts.account_id', 'accounts') }}
        end as dq_reason
    from normalised
    left join accounts
        on normalised.account_id = accounts.account_id

),

{{ classify_raw_rows('checked', ['license_id'], 'starts_on') }}

select * from classified
