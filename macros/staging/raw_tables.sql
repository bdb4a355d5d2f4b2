{#-
    The raw tables of the contract as (source, table) pairs: their names, for
    dq_raw_table_summary, so that an empty raw table still has its row. The
    models that read every raw table (dq_raw_rows, assert_raw_rows_reconcile)
    write their refs out; the sources YAML says what each table holds.
-#}
{% macro raw_tables() %}
    {{ return([
        ('crm', 'accounts'), ('crm', 'managers'), ('crm', 'contacts'), ('crm', 'licenses'),
        ('crm', 'deployments'), ('crm', 'product_releases'), ('crm', 'opportunities'),
        ('crm', 'activities'), ('crm', 'wallet_estimates'),
        ('support', 'cases'),
        ('survey', 'surveys'), ('survey', 'invitations'), ('survey', 'responses'),
        ('marketing', 'event_registrations'), ('marketing', 'email_events'), ('marketing', 'advocacy'),
        ('product', 'usage_events'),
    ]) }}
{% endmacro %}
