-- Clean product.usage_events rows whose references all resolve: what every later model reads.
with checked_rows as (

    select * from {{ ref('int_product__usage_events_references_checked') }}

),

final as (

    select
        event_id,
        account_id,
        user_id,
        event_type,
        feature_name,
        occurred_at
    from checked_rows
    where dq_reason is null

)

select * from final
