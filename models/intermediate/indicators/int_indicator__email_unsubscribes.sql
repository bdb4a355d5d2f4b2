-- Involvement (lower is better): recency-weighted count of the customer's
-- contacts unsubscribing from our e-mails. No unsubscribe is a real 0.
with touchpoints as (

    select
        account_id,
        occurred_on as touched_on
    from {{ ref('int_email_events_attributed') }}
    where event_type = 'unsubscribe'

),

weighted as (

    {{ weighted_touchpoints('touchpoints', 'touched_on', indicator_half_life(this_indicator())) }}

),

final as (

    select
        {{ indicator_columns('weighted', 'weighted_count', 'touchpoint_count', 'weighted_count') }}
    from weighted

)

select * from final
