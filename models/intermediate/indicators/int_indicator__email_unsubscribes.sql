-- Involvement (lower is better): recency-weighted count of the customer's
-- contacts unsubscribing from our e-mails. No unsubscribe is a real 0.
with population as (

    select * from {{ ref('int_scoring_population') }}
    where {{ as_of_dates_to_refresh('as_of_date', ref('int_scoring_as_of_dates')) }}

),

settings as (

    -- this indicator's row of the registry (its half-life)
    select * from {{ ref('int_indicator_registry') }}
    where indicator = '{{ this_indicator() }}'

),

touchpoints as (

    select
        account_id,
        occurred_on as touched_on
    from {{ ref('int_email_events_attributed') }}
    where event_type = 'unsubscribe'

),

weighted as (

    {{ weighted_touchpoints('population', 'touchpoints', 'touched_on', 'settings') }}

),

final as (

    select
        {{ indicator_columns('weighted', 'weighted_count', 'touchpoint_count', 'weighted_count') }}
    from weighted

)

select * from final
