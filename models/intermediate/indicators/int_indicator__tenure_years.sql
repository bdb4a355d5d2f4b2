-- Competitive status (stay): years the account has been a customer at the as-of date.
with population as (

    select * from {{ ref('int_scoring_population') }}
    where {{ as_of_dates_to_refresh('as_of_date', ref('int_scoring_as_of_dates')) }}

),

final as (

    select
        {{ indicator_columns('population',
            'cast(' ~ dbt.datediff('population.became_customer_on', 'population.as_of_date', 'day')
                ~ ' as ' ~ type_double() ~ ') / 365.25', '1') }}
    from population

)

select * from final
