-- The indicator registry, one row per indicator: the seed
-- seeds/scoring/engagement_indicators.csv with var engagement__indicator_overrides
-- applied per indicator and setting, and the weight of the indicator's element
-- (seeds/scoring/engagement_element_weights.csv, with var
-- engagement__element_weight_overrides applied per element).
{%- for retired in ['engagement__indicators', 'engagement__element_weights'] if var(retired, none) is not none %}
    {{ exceptions.raise_compiler_error("var " ~ retired ~ " is retired: the registry is the seeds in seeds/scoring/;"
        ~ " change single settings with engagement__indicator_overrides / engagement__element_weight_overrides") }}
{%- endfor %}
{%- set indicator_overrides = var('engagement__indicator_overrides') %}
{%- set element_weight_overrides = var('engagement__element_weight_overrides') %}

with indicators as (

    select * from {{ ref('engagement_indicators') }}

),

element_weights as (

    select * from {{ ref('engagement_element_weights') }}

),

indicators_overridden as (

    select
        cast(indicators.indicator as {{ dbt.type_string() }}) as indicator,
        cast({{ overridden_setting('element', indicator_overrides) }} as {{ dbt.type_string() }}) as element,
        cast({{ overridden_setting('behaviour', indicator_overrides) }} as {{ dbt.type_string() }}) as behaviour,
        cast({{ overridden_setting('direction', indicator_overrides) }} as {{ dbt.type_string() }}) as direction,
        cast({{ overridden_setting('weight', indicator_overrides) }} as {{ type_double() }}) as weight,
        cast({{ overridden_setting('half_life_days', indicator_overrides) }} as {{ type_double() }}) as half_life_days,
        cast({{ overridden_setting('normalization', indicator_overrides) }} as {{ dbt.type_string() }}) as normalization,
        cast({{ overridden_setting('target', indicator_overrides) }} as {{ type_double() }}) as target,  -- noqa: RF04
        cast({{ overridden_setting('when_missing', indicator_overrides) }} as {{ dbt.type_string() }}) as when_missing,
        cast({{ overridden_setting('peer_group', indicator_overrides) }} as {{ dbt.type_string() }}) as peer_group
    from indicators

),

element_weights_overridden as (

    select
        cast(element_weights.element as {{ dbt.type_string() }}) as element,
        cast(
            {{ overridden_value('element_weights.weight', 'element_weights.element', element_weight_overrides) }}
            as {{ type_double() }}
        ) as element_weight
    from element_weights

),

final as (

    select
        indicators_overridden.indicator,
        indicators_overridden.element,
        indicators_overridden.behaviour,
        indicators_overridden.direction,
        indicators_overridden.weight,
        indicators_overridden.half_life_days,
        indicators_overridden.normalization,
        indicators_overridden.target,
        indicators_overridden.when_missing,
        indicators_overridden.peer_group,
        element_weights_overridden.element_weight
    from indicators_overridden
    left join element_weights_overridden
        on indicators_overridden.element = element_weights_overridden.element

)

select * from final
