-- Clean crm.deployments rows whose references all resolve: what every later model reads.
with checked_rows as (

    select * from {{ ref('int_crm__deployments_references_checked') }}

),

final as (

    select
        account_id,
        product_module,
        version,
        reported_at
    from checked_rows
    where dq_reason is null

)

select * from final
