{#-
    The indicator registry is data: seeds/scoring/engagement_indicators.csv and
    seeds/scoring/engagement_element_weights.csv, read when the models run
    (int_indicator_registry). A user changes one setting of one entry without
    editing them with the vars engagement__indicator_overrides and
    engagement__element_weight_overrides, e.g.
        --vars '{engagement__indicator_overrides: {nps: {weight: 2.0}}}'
    These macros turn such an override map into SQL expressions.
-#}

{#- The settings an indicator override may change: the registry seed's columns but its key. -#}
{% macro indicator_settings() -%}
    {{ return(['element', 'behaviour', 'direction', 'weight', 'half_life_days', 'normalization', 'target',
        'when_missing', 'peer_group']) }}
{%- endmacro %}


{#-
    The registry column `setting` of `relation` with the overrides applied:
    `overrides` maps an indicator (the value of `key_column`) to {setting: value}.
    Returns the column itself when no override changes it, else a case
    expression. A setting name that is not a registry column is an error.
-#}
{% macro overridden_setting(setting, overrides, relation='indicators', key_column='indicator',
    var_name='engagement__indicator_overrides') -%}
    {%- set column = relation ~ '.' ~ setting -%}
    {%- set key_column = relation ~ '.' ~ key_column -%}
    {%- set values = {} -%}
    {%- for key, settings in overrides.items() -%}
        {%- if settings is not mapping -%}
            {{ exceptions.raise_compiler_error("var " ~ var_name ~ ": the entry '" ~ key
                ~ "' must map settings to values, e.g. {" ~ key ~ ": {weight: 2.0}}") }}
        {%- endif -%}
        {%- for name in settings if name not in indicator_settings() -%}
            {{ exceptions.raise_compiler_error("var " ~ var_name ~ ": '" ~ name ~ "' (entry '" ~ key
                ~ "') is not a registry setting; the settings are " ~ indicator_settings() | join(', ')) }}
        {%- endfor -%}
        {%- if setting in settings -%}
            {%- do values.update({key: settings[setting]}) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ overridden_value(column, key_column, values) }}
{%- endmacro %}


{#-
    `column` with per-key values from a flat map {key: value} (element weights);
    a value becomes a SQL literal: null, a number or a quoted string.
-#}
{% macro overridden_value(column, key_column, overrides) -%}
    {%- if overrides -%}
        case {{ key_column }}
            {%- for key, value in overrides.items() %}
            {%- if value is mapping or (value is iterable and value is not string) %}
                {{ exceptions.raise_compiler_error("An override value must be a number, a string or null, not " ~ value) }}
            {%- elif value is none %}
            when '{{ key }}' then null
            {%- elif value is number %}
            when '{{ key }}' then {{ value }}
            {%- else %}
            when '{{ key }}' then '{{ value | replace("'", "''") }}'
            {%- endif %}
            {%- endfor %}
            else {{ column }}
        end
    {%- else -%}
        {{ column }}
    {%- endif -%}
{%- endmacro %}
