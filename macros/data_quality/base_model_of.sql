{#-
    The base model of one raw table from a model's own list of base-model refs
    (`base_models`, by '<source>.<table>'): the data-quality models that read every
    raw table write the refs themselves (dbt learns a model's parents from its text),
    and loop over raw_tables(). A table missing from the list stops the compile with
    its name, instead of rendering an empty `from`.
-#}
{% macro base_model_of(base_models, source_name, table_name) %}
    {%- set key = source_name ~ '.' ~ table_name %}
    {%- if key not in base_models %}
        {{ exceptions.raise_compiler_error(
            "the list of base models in " ~ model.name ~ " has no '" ~ key ~ "': add base_"
            ~ source_name ~ "__" ~ table_name ~ " to it") }}
    {%- endif %}
    {{- return(base_models[key]) }}
{% endmacro %}
