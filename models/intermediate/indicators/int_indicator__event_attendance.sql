-- Involvement: recency-weighted count of webinars and events attended.
with touchpoints as (

    select
        account_id,
        attended_on as touched_on
    from {{ ref('int_event_registrations_attributed') }}
    where has_attended

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
