-- Every raw account row, typed and checked, with its fate (kept / duplicate / rejected).
with source as (

    {{ select_raw_source('crm', 'accounts') }}

),

normalized as (

    select
        -- ids
        account_id,
        parent_account_id,
        manager_id,

        -- attributes
        account_name,
        industry,
        {{ normalize_enum('region') }} as region,
        -- an unrecognised segment is kept as 'unknown' rather than losing the account
        case
            when segment is null then null
            when {{ normalize_enum('segment') }} in ('enterprise', 'mid_market', 'smb')
                then {{ normalize_enum('segment') }}
            else 'unknown'
        end as segment,
        {{ null_if_negative('annual_contract_value') }} as annual_contract_value,

        -- dates
        customer_since as became_customer_on,
        churned_at as churned_on,
        updated_at,

        -- values the raw read could not use (select_raw_source)
        dq_unreadable,
        {{ flag_negative(['annual_contract_value']) }} as dq_flag
    from source

),

checked as (

    {{ checked_raw_rows('normalized', 'crm', 'accounts', renamed={'customer_since': 'became_customer_on'}) }}

),

{{ raw_row_classification('checked', 'crm', 'accounts') }}

select * from classified
