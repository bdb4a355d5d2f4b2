-- Involvement: recency-weighted opens and clicks per e-mail sent. Null without e-mails sent.
-- E-mail events come pre-weighted per period from int_email_events_bucketed.
with population as (

    {{ indicator_population(ref('int_scoring_population'), ref('int_scoring_as_of_dates')) }}

),

settings as (

    {{ indicator_registry_row(ref('int_indicator_registry')) }}

),

email_buckets as (

    select * from {{ ref('int_email_events_bucketed') }}

),

weighted as (

    {{ decayed_from_buckets('population', 'email_buckets', 'settings',
        ['weighted_engagements', 'weighted_sends', 'weighted_touchpoints']) }}

),

final as (

    select
        {{ indicator_columns('weighted', 'weighted_engagements / nullif(weighted_sends, 0)',
            'touchpoint_count', 'weighted_touchpoints') }}
    from weighted

)

select * from final
