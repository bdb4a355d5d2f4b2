-- The indicator registry (seeds/scoring/engagement_indicators.csv), the indicator
-- models (models/intermediate/indicators/int_indicator__<name>.sql) and the refs
-- of int_indicator_values_unioned name the same indicators, and the overrides
-- in vars name existing entries. Each failing row names the indicator (or
-- element) and what to do.
{%- set model_indicators = [] %}
{%- set unioned_indicators = [] %}
{%- if execute %}
{%- for node in graph.nodes.values() if node.resource_type == 'model' and node.package_name == model.package_name %}
{%- if node.name.startswith('int_indicator__') %}
{%- do model_indicators.append(node.name.replace('int_indicator__', '')) %}
{%- elif node.name == 'int_indicator_values_unioned' %}
{%- for parent in node.depends_on.nodes if parent.split('.')[-1].startswith('int_indicator__') %}
{%- do unioned_indicators.append(parent.split('.')[-1].replace('int_indicator__', '')) %}
{%- endfor %}
{%- endif %}
{%- endfor %}
{%- endif %}
{%- set overridden_indicators = var('engagement__indicator_overrides').keys() | list %}
{%- set overridden_elements = var('engagement__element_weight_overrides').keys() | list %}

with registry as (

    select * from {{ ref('int_indicator_registry') }}

),

element_weights as (

    select * from {{ ref('engagement_element_weights') }}

),

indicator_values as (

    select * from {{ ref('int_indicator_values_unioned') }}

),

indicator_models as (

    {{ names_as_rows(model_indicators) }}

),

unioned_models as (

    {{ names_as_rows(unioned_indicators) }}

),

indicator_overrides as (

    {{ names_as_rows(overridden_indicators) }}

),

element_weight_overrides as (

    {{ names_as_rows(overridden_elements) }}

),

touchpoint_indicators as (

    -- indicators that weigh touchpoints by recency report their summed weights
    select distinct indicator
    from indicator_values
    where weighted_evidence is not null

),

problems as (

    select
        registry.indicator as entry,
        'registry row without a model: write models/intermediate/indicators/int_indicator__'
        || registry.indicator || '.sql and add its ref to int_indicator_values_unioned' as problem
    from registry
    left join indicator_models
        on registry.indicator = indicator_models.listed_name
    where indicator_models.listed_name is null

    union all

    select
        registry.indicator as entry,
        'registry row whose model int_indicator__' || registry.indicator
        || ' is not unioned: add its ref to int_indicator_values_unioned' as problem
    from registry
    inner join indicator_models
        on registry.indicator = indicator_models.listed_name
    left join unioned_models
        on registry.indicator = unioned_models.listed_name
    where unioned_models.listed_name is null

    union all

    select
        indicator_models.listed_name as entry,
        'model int_indicator__' || indicator_models.listed_name
        || ' has no row in seeds/scoring/engagement_indicators.csv: add one (or delete the model)' as problem
    from indicator_models
    left join registry
        on indicator_models.listed_name = registry.indicator
    where registry.indicator is null

    union all

    select
        indicator_overrides.listed_name as entry,
        'var engagement__indicator_overrides names an indicator the registry does not have' as problem
    from indicator_overrides
    left join registry
        on indicator_overrides.listed_name = registry.indicator
    where registry.indicator is null

    union all

    select
        element_weight_overrides.listed_name as entry,
        'var engagement__element_weight_overrides names an element seeds/scoring/engagement_element_weights.csv'
        || ' does not have' as problem
    from element_weight_overrides
    left join element_weights
        on element_weight_overrides.listed_name = element_weights.element
    where element_weights.element is null

    union all

    select
        touchpoint_indicators.indicator as entry,
        'touchpoint indicator without a half-life: give it a positive half_life_days in the registry' as problem
    from touchpoint_indicators
    inner join registry
        on touchpoint_indicators.indicator = registry.indicator
    where registry.half_life_days is null

)

select * from problems
