-- Every clean marketing.advocacy row (stg_marketing__advocacy) with the references it makes checked:
-- `dq_reason` names the first reference that does not resolve, null when all do.
-- The rows whose references resolve are int_marketing__advocacy_referenced; the others are rejected
-- as orphan_reference in dq_rejected_rows.
with advocacy as (

    select * from {{ ref('stg_marketing__advocacy') }}

),

accounts as (

    select account_id from {{ ref('stg_crm__accounts') }}

),

final as (

    select
        advocacy.*,
        {{ raw_row_key(['advocacy.advocacy_id']) }} as dq_row_key,
        case
            {{ reject_orphan('advocacy.account_id', 'accounts.account_id', 'accounts') }}
        end as dq_reason
    from advocacy
    left join accounts
        on advocacy.account_id = accounts.account_id

)

select * from final
