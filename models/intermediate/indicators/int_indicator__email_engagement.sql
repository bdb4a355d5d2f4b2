-- Involvement: recency-weighted opens and clicks per e-mail sent. Null without e-mails sent.
-- E-mail events come pre-weighted per period from int_email_events_bucketed.
with population as (

    select * from {{ ref('int_scoring_population') }}
    where {{ as_of_dates_to_refresh('as_of_date') }}

),

weighted as (

    {{ decayed_from_buckets('population', ref('int_email_events_bucketed'),
        indicator_half_life(this_indicator()), ['weighted_engagements', 'weighted_sends', 'weighted_touchpoints']) }}

),

final as (

    select
        {{ indicator_columns('weighted', 'weighted_engagements / nullif(weighted_sends, 0)',
            'touchpoint_count', 'weighted_touchpoints') }}
    from weighted

)

select * from final
