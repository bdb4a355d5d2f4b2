{#-
    The demo data this repository ships (seeds/demo/, and the manual overrides
    seeds/scoring/engagement_overrides.csv) is read only when it is wanted and
    nothing of the user's is:
      - it is allowed in this repository itself (the profile is this project's
        own, `engagement`), as the README's two commands do; in a project that
        installs this one as a package only when it sets `engagement__demo_data: true`;
      - and no source is pointed anywhere (source_is_pointed): demo and user
        data are never mixed. Pointing some sources and not the others fails
        (check_data_sources).
    dbt_project.yml spells the same rule once for the seeds' `+enabled` (project
    macros are not available there; it sees only --vars, which
    check_data_sources makes sure agrees with what these macros see).
-#}
{% macro demo_data_enabled() -%}
    {{ return(var('engagement__demo_data', target.profile_name == 'engagement') | string | lower == 'true') }}
{%- endmacro %}


{#- The five raw sources of the contract, CRM first (it cannot be switched off). -#}
{% macro raw_source_names() -%}
    {{ return(['crm', 'support', 'survey', 'marketing', 'product']) }}
{%- endmacro %}


{#- A source is pointed at the user's data when its schema variable is set or its
    connector (engagement__<source>_connector) is other than the contract's own shape.
    A switched-off source (engagement__using_<source>: false) reads nothing, so it is
    never pointed, whatever its schema or connector say. -#}
{% macro source_is_pointed(source_name, vars_getter=none) -%}
    {%- set get = vars_getter or var -%}
    {%- set schema = get(source_name ~ '_schema', '') -%}
    {%- set connector = get('engagement__' ~ source_name ~ '_connector', 'contract') -%}
    {%- set switched_off = source_name != 'crm'
        and get('engagement__using_' ~ source_name, true) | string | lower == 'false' -%}
    {{ return(not switched_off and ((schema or '') | string | trim != ''
        or (connector or 'contract') | string | trim | lower != 'contract')) }}
{%- endmacro %}


{#- True when this build reads the shipped demo data: allowed, and no source pointed. -#}
{% macro reads_demo_data() -%}
    {%- set pointed = [] -%}
    {%- for source_name in raw_source_names() if source_is_pointed(source_name) -%}
        {%- do pointed.append(source_name) -%}
    {%- endfor -%}
    {{ return(demo_data_enabled() and not pointed) }}
{%- endmacro %}


{% macro reads_demo_source(source_name) -%}
    {{ return(reads_demo_data() and source_is_used(source_name)) }}
{%- endmacro %}


{#- on-run-start: one line at the start of every build saying whose data it reads
    (the mart dim_engagement_data_origin says the same to readers). No SQL. -#}
{% macro log_data_origin() -%}
    {%- if execute -%}
        {%- if reads_demo_data() -%}
            {{ log("NOTE: this build reads the DEMO data shipped with the project (seeds/demo), not yours: no"
                ~ " source variable is set (docs/operations.md, \"Demo data and your data\").", info=true) }}
        {%- else -%}
            {%- set read = [] -%}
            {%- for source_name in raw_source_names() if source_is_used(source_name) -%}
                {%- do read.append(source_name ~ " from " ~ (var(source_name ~ '_schema', '') or var('engagement__'
                    ~ source_name ~ '_connector', 'contract') ~ ' connector')) -%}
            {%- endfor -%}
            {{ log("This build reads your data: " ~ read | join(", ") ~ ".", info=true) }}
        {%- endif -%}
    {%- endif -%}
{%- endmacro %}


{#-
    on-run-start: fails when the warehouse already holds a build of the other origin
    (the demo's where this run reads yours, or the other way round), as the last
    dim_engagement_data_origin says, and the run is not a --full-refresh: the
    incremental models keep earlier as-of dates, so demo and user rows would mix.
    Snapshots are kept apart by schema (generate_schema_name). No SQL.
-#}
{% macro check_warehouse_origin() -%}
    {#- only commands that write models: `source freshness`, `test`, `docs` read and never mix -#}
    {%- if execute and not flags.FULL_REFRESH
        and (invocation_args_dict.get('which') or flags.WHICH) in ['build', 'run', 'seed', 'snapshot'] -%}
        {%- set node = graph.nodes.get('model.engagement.dim_engagement_data_origin') -%}
        {%- set existing = adapter.get_relation(database=node.database, schema=node.schema,
            identifier=node.alias) if node else none -%}
        {%- if existing is not none -%}
            {%- set built = run_query('select max(data_origin) from ' ~ existing).columns[0].values()[0] -%}
            {%- set now_reading = 'demo' if reads_demo_data() else 'your_data' -%}
            {%- if built and built != now_reading -%}
                {{ exceptions.raise_compiler_error(
                    "This warehouse holds a build of " ~ ("the DEMO data" if built == 'demo' else "your data")
                    ~ " (" ~ existing ~ "), and this run reads " ~ ("the DEMO data" if now_reading == 'demo'
                    else "your data") ~ ": its incremental models would mix the two. Check the source variables"
                    ~ " (docs/operations.md, \"Demo data and your data\"), build into another target or"
                    ~ " warehouse, or rebuild it all with --full-refresh."
                ) }}
            {%- endif -%}
        {%- endif -%}
    {%- endif -%}
{%- endmacro %}
