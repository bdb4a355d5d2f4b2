-- Clean marketing.advocacy rows whose references all resolve: what every later model reads.
with checked_rows as (

    select * from {{ ref('int_marketing__advocacy_references_checked') }}

),

final as (

    select
        advocacy_id,
        account_id,
        contact_id,
        advocacy_type,
        occurred_at
    from checked_rows
    where dq_reason is null

)

select * from final
