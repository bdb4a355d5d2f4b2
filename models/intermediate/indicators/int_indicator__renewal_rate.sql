-- Competitive status (stay): recency-weighted share of closed renewals that were won.
-- Null for customers with no renewal closed yet.
with touchpoints as (

    select
        account_id,
        {{ to_date('closed_at') }} as touched_on,
        case when is_won then 1 else 0 end as touch_value
    from {{ ref('stg_crm__opportunities') }}
    where opportunity_type = 'renewal' and is_closed and closed_at is not null

),

{{ touchpoint_indicator('touchpoints', 'mean',
    ref('int_scoring_population'), ref('int_scoring_as_of_dates'), ref('int_indicator_registry')) }}
