-- Clean crm.licenses rows whose references all resolve: what every later model reads.
with checked_rows as (

    select * from {{ ref('int_crm__licenses_references_checked') }}

),

final as (

    select
        license_id,
        account_id,
        product_module,
        seats,
        annual_value,
        starts_on,
        ends_on
    from checked_rows
    where dq_reason is null

)

select * from final
