{#-
    The registry's rows make sense together: a positive weight and element
    weight, a positive target under `target` normalization, a positive
    half-life where one is given. Fails with the offending rows and why.
-#}
{% test registry_is_consistent(model) %}

select
    indicator,
    case
        when weight <= 0 then 'weight must be positive'
        when element_weight <= 0 then 'element weight must be positive'
        when normalization = 'target' and (target is null or target <= 0)
            then 'normalization target needs a positive target'
        when half_life_days is not null and half_life_days <= 0 then 'half_life_days must be positive'
    end as problem
from {{ model }}
where
    weight <= 0
    or element_weight <= 0
    or (normalization = 'target' and (target is null or target <= 0))
    or (half_life_days is not null and half_life_days <= 0)

{% endtest %}
