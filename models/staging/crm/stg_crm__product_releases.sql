-- Clean crm.product_releases: every raw row typed, normalised, checked and classified from its raw
-- contract (_crm__sources.yml; raw_table_classification: source -> normalized -> checked ->
-- classified, each row's fate), then the latest version of each key that passed every check
-- (no declared references). The rest are in dq_rejected_rows with their reason.
with {{ raw_table_classification('crm', 'product_releases') }},

kept_rows as (

    select * from classified
    where dq_disposition = 'kept'

),

final as (

    select
        product_module,
        version,
        released_on
    from kept_rows

)

select * from final
