-- Clean crm.accounts: every raw row typed, normalised, checked and classified from its raw
-- contract (_crm__sources.yml; raw_table_classification: source -> normalized -> checked ->
-- classified, each row's fate), then the latest version of each key that passed every check
-- (no declared references), with the renames and defaults that do not affect a row's fate.
-- The rest are in dq_rejected_rows with their reason.
with {{ raw_table_classification('crm', 'accounts') }},

kept_rows as (

    select * from classified
    where dq_disposition = 'kept'

),

final as (

    -- the columns in the order the model always had (ST06 would put the expressions last)
    select  -- noqa: ST06
        account_id,
        parent_account_id,
        manager_id,
        account_name,
        industry,
        region,
        -- an unrecognised segment is kept as 'unknown' rather than losing the account
        case
            when segment is null then null
            when segment in ('enterprise', 'mid_market', 'smb') then segment
            else 'unknown'
        end as segment,
        annual_contract_value,
        customer_since as became_customer_on,
        churned_at as churned_on,
        updated_at
    from kept_rows

)

select * from final
