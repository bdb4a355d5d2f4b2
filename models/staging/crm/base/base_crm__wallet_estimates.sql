-- Every raw share-of-wallet estimate, typed and checked, with its fate (kept / duplicate / rejected).
with source as (

    {{ select_raw_source('crm', 'wallet_estimates') }}

),

normalized as (

    select
        account_id,
        estimated_annual_spend,
        estimated_on,

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
            {{- reject_missing(['account_id', 'estimated_annual_spend', 'estimated_on']) }}
            when estimated_annual_spend < 0 then 'out_of_range: estimated_annual_spend is negative'
        end as dq_reason
    from normalized

),

repeated_keys as (

    {{ repeated_raw_row_keys('checked', ['account_id', 'estimated_on']) }}

),

single_version_rows as (

    {{ single_version_raw_rows('checked', 'repeated_keys', ['account_id', 'estimated_on']) }}

),

repeated_key_rows as (

    {{ repeated_key_raw_rows('checked', 'repeated_keys', ['account_id', 'estimated_on'], 'estimated_annual_spend') }}

),

classified as (

    select * from single_version_rows
    union all
    select * from repeated_key_rows

)

select * from classified
