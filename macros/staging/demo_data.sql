{#-
    The demo data this repository ships (seeds/demo/) is loaded and read only
    when it is wanted:
      - in this repository itself (the profile is this project's own,
        `engagement`), as the README's two commands do;
      - in a project that installs this one as a package, only when it sets
        `engagement__demo_data: true`.
    A source whose schema variable is set, or that is switched off, never reads
    the demo. dbt_project.yml spells the same rule for the seeds' `+enabled`
    (project macros are not available there).
-#}
{% macro demo_data_enabled() -%}
    {{ return(var('engagement__demo_data', target.profile_name == 'engagement') | string | lower == 'true') }}
{%- endmacro %}


{% macro reads_demo_source(source_name) -%}
    {{ return(demo_data_enabled() and var(source_name ~ '_schema') == '' and source_is_used(source_name)
        and var('engagement__' ~ source_name ~ '_connector', 'contract') | string | lower == 'contract') }}
{%- endmacro %}
