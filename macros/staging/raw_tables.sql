{#-
    The raw tables of the contract as (source, table, is_reference_checked)
    triples. dbt needs the models a model reads at parse time, so the model
    that visits every raw table (dq_raw_rows) and the reconciliation test read
    this list; the sources YAML says what each table holds.
    `is_reference_checked`: the table's references to other tables are checked
    after staging, in models/intermediate/integrity/
    (int_<source>__<table>_references_checked, int_<source>__<table>_referenced).
-#}
{% macro raw_tables() %}
    {{ return([
        ('crm', 'accounts', false), ('crm', 'managers', false), ('crm', 'contacts', true),
        ('crm', 'licenses', true), ('crm', 'deployments', true), ('crm', 'product_releases', false),
        ('crm', 'opportunities', true), ('crm', 'activities', true), ('crm', 'wallet_estimates', true),
        ('support', 'cases', true),
        ('survey', 'surveys', false), ('survey', 'invitations', true), ('survey', 'responses', true),
        ('marketing', 'event_registrations', true), ('marketing', 'email_events', true),
        ('marketing', 'advocacy', true),
        ('product', 'usage_events', true),
    ]) }}
{% endmacro %}
