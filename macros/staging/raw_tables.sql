{#-
    The raw tables of the contract as (source, table) pairs. dbt needs the
    models a model reads at parse time, so models and tests that visit every
    raw table (data quality, reconciliation) read this list; the sources YAML
    says what each table holds.
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
