-- Every clean product.usage_events row (stg_product__usage_events) with the references it makes checked:
-- `dq_reason` names the first reference that does not resolve, null when all do.
-- The rows whose references resolve are int_product__usage_events_referenced; the others are rejected
-- as orphan_reference in dq_rejected_rows.
with usage_events as (

    select * from {{ ref('stg_product__usage_events') }}

),

accounts as (

    select account_id from {{ ref('stg_crm__accounts') }}

),

final as (

    select
        usage_events.*,
        {{ raw_row_key(['usage_events.event_id']) }} as dq_row_key,
        case
            {{ reject_orphan('usage_events.account_id', 'accounts.account_id', 'accounts') }}
        end as dq_reason
    from usage_events
    left join accounts
        on usage_events.account_id = accounts.account_id

)

select * from final
