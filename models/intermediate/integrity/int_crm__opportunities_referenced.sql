-- Clean crm.opportunities rows whose references all resolve: what every later model reads.
with checked_rows as (

    select * from {{ ref('int_crm__opportunities_references_checked') }}

),

final as (

    select
        opportunity_id,
        account_id,
        opportunity_type,
        stage,
        amount,
        is_won,
        is_closed,
        created_at,
        closed_at
    from checked_rows
    where dq_reason is null

)

select * from final
