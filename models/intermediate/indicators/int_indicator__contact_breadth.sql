-- Involvement: contact breadth, the number of distinct contacts of the customer
-- who took part in a touchpoint (int_contact_touchpoints_unioned: meetings,
-- demos, trials, inquiries, reviews, support cases, survey answers, events
-- attended, advocacy) in the 90 days up to the as-of date. One champion is a
-- risk: when they leave, the relationship goes with them.
{%- set window_days = 90 %}

with population as (

    {{ indicator_population(ref('int_scoring_population'), ref('int_scoring_as_of_dates')) }}

),

touchpoints as (

    select * from {{ ref('int_contact_touchpoints_unioned') }}

),

breadth as (

    select
        population.as_of_date,
        population.account_id,
        count(distinct touchpoints.contact_id) as active_contacts,
        count(touchpoints.contact_id) as touchpoints
    from population
    left join touchpoints
        on
            population.account_id = touchpoints.account_id
            and population.as_of_date >= touchpoints.touched_on
            and population.as_of_date < cast({{ dbt.dateadd('day', window_days, 'touchpoints.touched_on') }} as date)
    group by population.as_of_date, population.account_id

),

final as (

    select
        {{ indicator_columns('breadth', 'breadth.active_contacts', 'breadth.touchpoints') }}
    from breadth

)

select * from final
