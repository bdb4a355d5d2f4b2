{#-
    Connector adapters (docs/connectors.md). A source is read either in the
    raw contract's own shape (`contract`, the default) or as a connector lands
    it: `engagement__<source>_connector` names the connector. An adapter is a
    set of models, models/staging/connectors/<connector>/conn_<connector>__<table>.sql,
    each yielding one contract table: the contract's column names (any type
    the contract type can be cast from) plus two columns the raw read folds in:
      - dq_connector_reason: why the row must not be scored, as
        `<reason_code>: <detail>` (deleted_in_source, unmatched_identity,
        unmapped_value for a required picklist); null for a good row;
      - dq_connector_flag: a note on a kept row (an optional picklist value
        with no mapping, read as null), as `unmapped_value: <detail>`; or null.
    select_raw_source reads the adapter model in place of the raw table, so
    nothing downstream knows which connector fed it.
-#}

{#- The connector a source is read through: `contract` or an adapter's name. -#}
{% macro source_connector(source_name) -%}
    {%- set connector = var('engagement__' ~ source_name ~ '_connector', 'contract') | string | lower -%}
    {%- if connector not in connector_tables() -%}
        {{ exceptions.raise_compiler_error(
            "engagement__" ~ source_name ~ "_connector is '" ~ connector ~ "': choose one of "
            ~ connector_tables().keys() | list | join(", ") ~ "."
        ) }}
    {%- endif -%}
    {%- if connector != 'contract' and source_name not in connector_tables()[connector] -%}
        {{ exceptions.raise_compiler_error(
            "The " ~ connector ~ " connector does not land the " ~ source_name ~ " source; it lands: "
            ~ connector_tables()[connector].keys() | list | join(", ") ~ "."
        ) }}
    {%- endif -%}
    {{ return(connector) }}
{%- endmacro %}


{#-
    What each connector yields: connector -> source -> the contract tables its
    adapter models produce. A contract table a connector does not produce is
    read in the contract's shape from `<source>_schema` when that variable is
    set (land it yourself beside the connector's tables), else it is empty
    (docs/connectors.md says what that costs the score).
-#}
{% macro connector_tables() %}
    {{ return({
        'contract': {},
        'salesforce': {
            'crm': ['accounts', 'managers', 'contacts', 'licenses', 'opportunities', 'activities'],
        },
        'hubspot': {
            'crm': ['accounts', 'managers', 'contacts', 'opportunities', 'activities'],
            'support': ['cases'],
            'marketing': ['email_events'],
        },
        'zendesk': {
            'support': ['cases'],
        },
        'qualtrics': {
            'survey': ['surveys', 'invitations', 'responses'],
        },
        'segment': {
            'product': ['usage_events'],
        },
        'pendo': {
            'product': ['usage_events'],
        },
    }) }}
{% endmacro %}


{#- Whether any source is read through this connector (its adapter models and sources are enabled). -#}
{% macro connector_is_used(connector) -%}
    {%- set used = [] -%}
    {%- for source_name in ['crm', 'support', 'survey', 'marketing', 'product'] -%}
        {%- if var('engagement__' ~ source_name ~ '_connector', 'contract') | string | lower == connector
            and source_is_used(source_name) -%}
            {%- do used.append(source_name) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(used | length > 0) }}
{%- endmacro %}


{#- The adapter model that yields a contract table for a source, or none when its connector does not produce it
    or the source is switched off (its adapter models are disabled then: nothing may ref them). -#}
{% macro connector_model_name(source_name, table_name) -%}
    {%- set connector = source_connector(source_name) -%}
    {%- if connector != 'contract' and source_is_used(source_name)
        and table_name in connector_tables()[connector][source_name] -%}
        {{ return('conn_' ~ connector ~ '__' ~ table_name) }}
    {%- endif -%}
    {{ return(none) }}
{%- endmacro %}
