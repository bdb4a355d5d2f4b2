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

    {% call checked_raw_rows('normalized', 'crm', 'wallet_estimates') -%}
            when estimated_annual_spend < 0 then 'out_of_range: estimated_annual_spend is negative'
    {%- endcall %}

),

{{ raw_row_classification('checked', 'crm', 'wallet_estimates') }}

select * from classified
