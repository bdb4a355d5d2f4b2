{#-
    Body of one touchpoint table's CTE in int_touchpoints_before_customer_since:
    the rows of `rows` (a CTE with `key_column` and `account_id`) whose date
    `touched_on` (an expression) is before their account's customer_since
    (`accounts`, a CTE with account_id and became_customer_on), with the flag
    dq_flagged_values lists. `raw_column` names the date as the raw table does.
    A touchpoint on the customer_since day itself is not before it.
-#}
{% macro touchpoints_before_customer_since(source_name, table_name, rows, key_column, touched_on, raw_column, accounts) %}
    select
        '{{ source_name }}' as source_name,
        '{{ table_name }}' as table_name,
        {{ raw_row_key([rows ~ '.' ~ key_column]) }} as row_key,
        {{ rows }}.account_id,
        {{ touched_on }} as touched_on,
        {{ accounts }}.became_customer_on,
        {{ dbt.concat([
            "'before_customer_since: " ~ raw_column ~ " = '",
            'cast(' ~ touched_on ~ ' as ' ~ dbt.type_string() ~ ')',
            "' is before the account customer_since = '",
            'cast(' ~ accounts ~ '.became_customer_on as ' ~ dbt.type_string() ~ ')',
            "'; kept and scored'",
        ]) }} as flag
    from {{ rows }}
    inner join {{ accounts }}
        on {{ rows }}.account_id = {{ accounts }}.account_id
    where {{ touched_on }} < {{ accounts }}.became_customer_on
{% endmacro %}
