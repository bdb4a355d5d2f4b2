{#-
    The columns of one scored indicator row, as the scoring chain carries them
    from int_indicator_scores_imputed to int_indicator_contributions: the
    customer-date, the indicator and its registry settings, its raw value and
    evidence, then `extra_columns` (a list of column names or expressions) in
    their order. Written once so that the models of the chain list the same
    columns in the same order.
-#}
{% macro scored_indicator_columns(extra_columns=[]) -%}
    {%- set columns = [
        'as_of_date', 'account_id', 'indicator', 'element', 'behaviour', 'direction', 'normalization',
        'peer_group_value', 'when_missing', 'weight', 'element_weight', 'raw_value', 'evidence_count',
        'weighted_evidence',
    ] + extra_columns -%}
    {{ columns | join(',\n        ') }}
{%- endmacro %}
