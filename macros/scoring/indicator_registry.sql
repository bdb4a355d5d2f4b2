{#-
    The indicator registry (var engagement__indicators in dbt_project.yml) as
    Jinja values, for models that need an indicator's settings at compile time.
-#}
{% macro indicator_names() -%}
    {{ return(var('engagement__indicators').keys() | list | sort) }}
{%- endmacro %}

{% macro indicator_setting(indicator, setting) -%}
    {%- set registry = var('engagement__indicators') -%}
    {%- if indicator not in registry -%}
        {{ exceptions.raise_compiler_error("Indicator '" ~ indicator ~ "' has no entry in var engagement__indicators") }}
    {%- endif -%}
    {{ return(registry[indicator].get(setting)) }}
{%- endmacro %}

{#- The half-life of a touchpoint indicator; an error if the registry leaves it empty. -#}
{% macro indicator_half_life(indicator) -%}
    {%- set half_life = indicator_setting(indicator, 'half_life_days') -%}
    {%- if half_life is none or half_life | float <= 0 -%}
        {{ exceptions.raise_compiler_error("Indicator '" ~ indicator ~ "' is a touchpoint indicator: give it a positive half_life_days in var engagement__indicators") }}
    {%- endif -%}
    {{ return(half_life) }}
{%- endmacro %}


{#-
    The registry as SQL rows (one select per indicator, union all), with each
    indicator's element weight. Raises at compile time when an indicator names
    an element without a weight in engagement__element_weights.
-#}
{% macro indicator_registry_rows() -%}
    {%- set element_weights = var('engagement__element_weights') -%}
    {%- for indicator in indicator_names() -%}
        {%- set row = var('engagement__indicators')[indicator] -%}
        {%- if row.element not in element_weights -%}
            {{ exceptions.raise_compiler_error("Indicator '" ~ indicator ~ "' has element '" ~ row.element
                ~ "', which has no weight in var engagement__element_weights") }}
        {%- endif %}
    select
        '{{ indicator }}' as indicator,
        '{{ row.element }}' as element,
        '{{ row.behaviour }}' as behaviour,
        '{{ row.direction }}' as direction,
        cast({{ row.weight }} as {{ type_double() }}) as weight,
        cast({{ row.half_life_days if row.half_life_days is not none else 'null' }} as {{ type_double() }})
            as half_life_days,
        '{{ row.normalization }}' as normalization,
        cast({{ row.target if row.target is not none else 'null' }} as {{ type_double() }}) as target,
        '{{ row.when_missing }}' as when_missing,
        {% if row.peer_group %}'{{ row.peer_group }}'{% else %}cast(null as {{ dbt.type_string() }}){% endif %}
            as peer_group,
        cast({{ element_weights[row.element] }} as {{ type_double() }}) as element_weight
    {% if not loop.last %}union all{% endif %}
    {%- endfor %}
{%- endmacro %}

{#- Elements and behaviours, for models that pivot scores into columns. -#}
{% macro score_elements() -%}
    {{ return(['product_usage', 'sentiment', 'involvement', 'competitive_status']) }}
{%- endmacro %}

{% macro score_behaviours() -%}
    {{ return(['say', 'stay', 'spend']) }}
{%- endmacro %}
