-- Clean support.cases rows whose references all resolve: what every later model reads.
with checked_rows as (

    select * from {{ ref('int_support__cases_references_checked') }}

),

final as (

    select
        case_id,
        account_id,
        contact_id,
        priority,
        status,
        channel,
        category,
        is_escalated,
        csat_score,
        opened_at,
        closed_at
    from checked_rows
    where dq_reason is null

)

select * from final
