{#-
    The relation holding every raw row of one table with its fate, for the
    data-quality models that read every raw table. A table with a base model
    (the five incremental ones: it stores each row's fate) is read from the model's
    own list of base-model refs (`base_models`, by '<source>.<table>'): the refs are
    written in the model, as dbt learns a model's parents from its text. Any other
    table is classified in the model itself from its declared contract
    (raw_table_classification with the prefix raw_table_prefix gives), and this
    returns that prefix's CTE `cte` ('classified', or 'source' for the typed read).
    A table with a base model missing from the list stops the compile naming it,
    rather than classifying its rows a second time.
-#}
{% macro raw_rows_of(base_models, source_name, table_name, cte='classified') %}
    {%- set key = source_name ~ '.' ~ table_name %}
    {%- if key in base_models %}
        {{- return(base_models[key]) }}
    {%- endif %}
    {%- set base_model = 'base_' ~ source_name ~ '__' ~ table_name %}
    {%- if execute and ('model.' ~ project_name ~ '.' ~ base_model) in graph.nodes %}
        {{ exceptions.raise_compiler_error(
            "the list of base models in " ~ model.name ~ " has no '" ~ key ~ "': add "
            ~ base_model ~ " to it") }}
    {%- endif %}
    {{- return(raw_table_prefix(source_name, table_name) ~ cte) }}
{% endmacro %}


{#- The CTE-name prefix of one table's classification in a model that classifies several. -#}
{% macro raw_table_prefix(source_name, table_name) %}
    {{- return(source_name ~ '__' ~ table_name ~ '__') }}
{% endmacro %}
