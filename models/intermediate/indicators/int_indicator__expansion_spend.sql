-- Competitive status (spend): recency-weighted expansion and cross-sell bookings won,
-- relative to the customer's annual contract value (0.5 = half the ACV again).
with touchpoints as (

    select
        account_id,
        {{ to_date('closed_at') }} as touched_on,
        coalesce(amount, 0) as amount
    from {{ ref('stg_crm__opportunities') }}
    where opportunity_type in ('expansion', 'cross_sell') and is_won and closed_at is not null

),

{{ touchpoint_indicator('touchpoints', 'sum',
    ref('int_scoring_population'), ref('int_scoring_as_of_dates'), ref('int_indicator_registry'),
    value='touchpoints.amount / nullif(population.annual_contract_value, 0)') }}
