{#-
    Every row of an indicator model names the model's own indicator: the model's
    name without the int_indicator__ prefix (this_indicator() writes it). Fails
    with the rows that name another indicator or none. One test for every
    indicator model, so that their YAML shares one block of properties.
-#}
{% test is_the_model_indicator(model, column_name) %}

select {{ column_name }}
from {{ model }}
where
    {{ column_name }} is null
    or {{ column_name }} <> '{{ model.identifier | replace("int_indicator__", "") }}'

{% endtest %}
