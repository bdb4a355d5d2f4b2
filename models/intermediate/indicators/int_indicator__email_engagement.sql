-- Involvement: recency-weighted opens and clicks per e-mail sent. Null without e-mails sent.
with touchpoints as (

    select
        account_id,
        occurred_on as touched_on,
        case when event_type in ('open', 'click') then 1 else 0 end as touch_value,
        case when event_type = 'sent' then 1 else 0 end as is_send
    from {{ ref('int_email_events_attributed') }}
    where event_type in ('sent', 'open', 'click')

),

engagements as (

    {{ weighted_touchpoints('touchpoints', 'touched_on', indicator_half_life(this_indicator()), 'touchpoints.touch_value') }}

),

sends as (

    {{ weighted_touchpoints('touchpoints', 'touched_on', indicator_half_life(this_indicator()), 'touchpoints.is_send') }}

),

final as (

    select
        {{ indicator_columns('engagements', 'engagements.weighted_value / nullif(sends.weighted_value, 0)',
            'engagements.touchpoint_count', 'engagements.weighted_count') }}
    from engagements
    inner join sends
        on
            engagements.as_of_date = sends.as_of_date
            and engagements.account_id = sends.account_id

)

select * from final
