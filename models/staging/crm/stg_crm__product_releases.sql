-- Clean crm.product_releases: one row per key, the latest that passed every check.
-- Rows left out are in dq_rejected_rows with the reason.
with checked_rows as (

    select * from {{ ref('base_crm__product_releases') }}

),

final as (

    select
        product_module,
        version,
        released_on
    from checked_rows
    where dq_disposition = 'kept'

)

select * from final
