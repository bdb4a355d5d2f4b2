-- Competitive status (stay): years the account has been a customer at the as-of date.
with population as (

    {{ indicator_population(ref('int_scoring_population'), ref('int_scoring_as_of_dates')) }}

),

final as (

    select
        {{ indicator_columns('population',
            'cast(' ~ dbt.datediff('population.became_customer_on', 'population.as_of_date', 'day')
                ~ ' as ' ~ type_double() ~ ') / 365.25', '1') }}
    from population

)

select * from final
