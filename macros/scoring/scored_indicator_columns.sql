{#-
    The columns of one scored indicator row, as the scoring chain carries them
    from int_indicator_scores_imputed to int_indicator_contributions: the
    customer-date, the indicator and its registry settings, its raw value and
    evidence, then `extra_columns` (a list of column names or expressions) in
    their order. Written once so that the models of the chain list the same
    columns in the same order. `replaced` maps a shared column to the expression
    that yields it instead (aliased to the same name).
-#}
{% macro scored_indicator_columns(extra_columns=[], replaced={}) -%}
    {%- set columns = [] -%}
    {%- for column in [
        'as_of_date', 'account_id', 'indicator', 'element', 'behaviour', 'direction', 'normalization',
        'peer_group_value', 'when_missing', 'weight', 'element_weight', 'raw_value', 'evidence_count',
        'weighted_evidence',
    ] -%}
        {%- do columns.append(replaced[column] ~ ' as ' ~ column if column in replaced else column) -%}
    {%- endfor -%}
    {{ (columns + extra_columns) | join(',\n        ') }}
{%- endmacro %}
