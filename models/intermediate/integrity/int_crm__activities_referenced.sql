-- Clean crm.activities rows whose references all resolve: what every later model reads.
with checked_rows as (

    select * from {{ ref('int_crm__activities_references_checked') }}

),

final as (

    select
        activity_id,
        account_id,
        contact_id,
        activity_type,
        occurred_at
    from checked_rows
    where dq_reason is null

)

select * from final
