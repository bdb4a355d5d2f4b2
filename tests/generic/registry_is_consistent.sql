{#-
    The registry's rows make sense together: an element with a weight, a
    positive weight and element weight, a positive target under `target` normalization, a positive
    half-life where one is given. Fails with the offending rows and why.
-#}
{% test registry_is_consistent(model) %}

select
    indicator,
    case
        when element_weight is null then 'its element has no row in seeds/scoring/engagement_element_weights.csv'
        when weight <= 0 then 'weight must be positive'
        when element_weight <= 0 then 'element weight must be positive'
        when normalization = 'target' and (target is null or target <= 0)
            then 'normalization target needs a positive target'
        when half_life_days is not null and half_life_days <= 0 then 'half_life_days must be positive'
    end as problem
from {{ model }}
where
    element_weight is null
    or weight <= 0
    or element_weight <= 0
    or (normalization = 'target' and (target is null or target <= 0))
    or (half_life_days is not null and half_life_days <= 0)

{% endtest %}
