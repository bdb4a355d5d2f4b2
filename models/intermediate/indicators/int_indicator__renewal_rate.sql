-- Competitive status (stay): recency-weighted share of closed renewals that were won.
-- Null for customers with no renewal closed yet.
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
        {{ to_date('closed_at') }} as touched_on,
        case when is_won then 1 else 0 end as touch_value
    from {{ ref('stg_crm__opportunities') }}
    where opportunity_type = 'renewal' and is_closed and closed_at is not null

),

weighted as (

    {{ weighted_touchpoints('population', 'touchpoints', 'touched_on', 'settings', 'touchpoints.touch_value') }}

),

final as (

    select
        {{ indicator_columns('weighted', 'weighted_value / nullif(weighted_count, 0)', 'touchpoint_count', 'weighted_count') }}
    from weighted

)

select * from final
