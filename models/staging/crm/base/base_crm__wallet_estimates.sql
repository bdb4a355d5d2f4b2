-- Every raw share-of-wallet estimate, typed and checked, with its fate (kept / duplicate / rejected).
with source as (

    {{ select_raw_source('crm', 'wallet_estimates') }}

),

accounts as (

    select account_id from {{ ref('stg_crm__accounts') }}

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
        normalized.*,
        case
            {{- reject_unreadable() }}
            {{- reject_missing(['normalized.account_id', 'estimated_annual_spend', 'estimated_on']) }}
            when normalized.estimated_annual_spend < 0 then 'out_of_range: estimated_annual_spend is negative'
            {{- reject_orphan('normalized.account_id', 'accounts.account_id', 'accounts') }}
        end as dq_reason
    from normalized
    left join accounts
        on normalized.account_id = accounts.account_id

),

{{ classify_raw_rows('checked', ['account_id', 'estimated_on'], 'estimated_annual_spend') }}

select * from classified
