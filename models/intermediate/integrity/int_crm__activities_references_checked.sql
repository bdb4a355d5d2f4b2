-- Every clean crm.activities row (stg_crm__activities) with the references it makes checked:
-- `dq_reason` names the first reference that does not resolve, null when all do.
-- The rows whose references resolve are int_crm__activities_referenced; the others are rejected
-- as orphan_reference in dq_rejected_rows.
with activities as (

    select * from {{ ref('stg_crm__activities') }}

),

accounts as (

    select account_id from {{ ref('stg_crm__accounts') }}

),

final as (

    select
        activities.*,
        {{ raw_row_key(['activities.activity_id']) }} as dq_row_key,
        case
            {{ reject_orphan('activities.account_id', 'accounts.account_id', 'accounts') }}
        end as dq_reason
    from activities
    left join accounts
        on activities.account_id = accounts.account_id

)

select * from final
