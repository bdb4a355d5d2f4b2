-- Competitive status (spend): recency-weighted expansion and cross-sell bookings won,
-- relative to the customer's annual contract value (0.5 = half the ACV again).
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
        coalesce(amount, 0) as amount
    from {{ ref('stg_crm__opportunities') }}
    where opportunity_type in ('expansion', 'cross_sell') and is_won and closed_at is not null

),

weighted as (

    {{ weighted_touchpoints('population', 'touchpoints', 'touched_on', 'settings',
        'touchpoints.amount / nullif(population.annual_contract_value, 0)') }}

),

final as (

    select
        {{ indicator_columns('weighted', 'coalesce(weighted_value, 0)', 'touchpoint_count', 'weighted_count') }}
    from weighted

)

select * from final
