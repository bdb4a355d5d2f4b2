-- Clean crm.contacts rows whose references all resolve: what every later model reads.
with checked_rows as (

    select * from {{ ref('int_crm__contacts_references_checked') }}

),

final as (

    select
        contact_id,
        account_id,
        email,
        full_name,
        job_title,
        is_primary,
        created_at
    from checked_rows
    where dq_reason is null

)

select * from final
