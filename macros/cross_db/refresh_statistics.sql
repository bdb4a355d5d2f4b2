{#-
    Planner statistics for a table a model has just written (a post-hook of every
    model, seed and snapshot; dbt_project.yml). Postgres plans each query from
    statistics that only ANALYZE (or autovacuum, a minute or so later) gathers: a
    table read straight after it is created is estimated from defaults, and the
    joins over it get planned as nested loops. On a 1,000-account data set that
    made int_scoring_as_of_dates take 80 s instead of 0.2 s. Views hold no data
    and are skipped; other engines keep their statistics themselves.
-#}
{% macro refresh_statistics() -%}
    {{ return(adapter.dispatch('refresh_statistics', 'engagement')()) }}
{%- endmacro %}


{% macro default__refresh_statistics() -%}
{%- endmacro %}


{% macro postgres__refresh_statistics() -%}
    {%- if config.get('materialized') in ['table', 'incremental', 'seed', 'snapshot'] -%}
        analyze {{ this }}
    {%- endif -%}
{%- endmacro %}
