-- Clean crm.licenses: one row per key, the latest that passed every check.
-- Rows left out are in dq_rejected_rows with the reason.
-- Its references to other tables are checked after staging: later models read
-- int_crm__licenses_referenced (models/intermediate/integrity/).
with checked_rows as (

    select * from {{ ref('base_crm__licenses') }}

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
    where dq_disposition = 'kept'

)

select * from final
