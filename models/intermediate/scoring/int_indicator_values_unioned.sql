-- Every indicator's raw value per customer and as-of date, in one long table.
-- The indicators are the registry's entries: adding one to var
-- engagement__indicators and writing int_indicator__<name> adds it here.
{{ config(**incremental_by_as_of_date()) }}

with
{% for indicator in indicator_names() %}
{{ indicator }} as (

    select * from {{ ref('int_indicator__' ~ indicator) }}
    where {{ as_of_dates_to_refresh('as_of_date') }}

),
{% endfor %}

unioned as (

    {% for indicator in indicator_names() %}
    select * from {{ indicator }}
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

final as (

    select * from unioned

)

select * from final
