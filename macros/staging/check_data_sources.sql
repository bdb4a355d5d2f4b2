{#-
    Stops any dbt command at parse time (the model dim_engagement_data_origin calls
    it, so `dbt parse`, `compile`, `build`, `run-operation` all fail before anything
    runs) when the variables would read the wrong data:
      1. a variable spelt almost like one of ours (misspelt_vars);
      2. some sources pointed at the user's data and others, still in use, not:
         those would read nothing of the user's (the demo is never mixed in);
      3. the seeds' switch in dbt_project.yml (which sees only --vars) disagrees
         with what the models see (project-file vars): the demo seeds would load
         beside the user's data, or be missing where the demo is read.
-#}
{% macro check_data_sources() %}
    {%- set misspelt = misspelt_vars() -%}
    {%- if misspelt -%}
        {%- set lines = [] -%}
        {%- for given, meant in misspelt.items() -%}
            {%- do lines.append("  - `" ~ given ~ "`: " ~ ("did you mean `" ~ meant ~ "`?" if meant
                else "not a variable of this project (dbt_project.yml lists them)")) -%}
        {%- endfor -%}
        {{ exceptions.raise_compiler_error(
            "Unknown variable(s) of the engagement project:\n" ~ lines | join("\n")
            ~ "\nA misspelt variable is ignored by dbt, so the build would silently read the default (the demo"
            ~ " data, or no source). Rename it (docs/operations.md, \"Demo data and your data\", says which names"
            ~ " are checked)."
        ) }}
    {%- endif -%}

    {%- set pointed = [] -%}
    {%- set unpointed = [] -%}
    {%- for source_name in raw_source_names() -%}
        {%- if source_is_pointed(source_name) -%}
            {%- do pointed.append(source_name) -%}
        {%- elif source_is_used(source_name) -%}
            {%- do unpointed.append(source_name) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if pointed and unpointed -%}
        {%- set ways = [] -%}
        {%- for source_name in unpointed -%}
            {%- if source_name == 'crm' -%}
                {%- do ways.append("  - crm: set `crm_schema` (or `engagement__crm_connector`); CRM cannot be switched off") -%}
            {%- else -%}
                {%- do ways.append("  - " ~ source_name ~ ": set `" ~ source_name ~ "_schema` (or `engagement__"
                    ~ source_name ~ "_connector`), or switch it off with `engagement__using_" ~ source_name
                    ~ ": false`") -%}
            {%- endif -%}
        {%- endfor -%}
        {{ exceptions.raise_compiler_error(
            "Sources pointed at your data: " ~ pointed | join(", ") ~ "; not pointed: " ~ unpointed | join(", ")
            ~ ". An unpointed source would read nothing of yours, and the shipped demo data is never mixed with"
            ~ " your data. For each source not pointed:\n" ~ ways | join("\n")
            ~ "\n(docs/operations.md, \"Demo data and your data\")"
        ) }}
    {%- endif -%}

    {%- set cli_vars = command_line_vars() -%}
    {%- set seeds_view = demo_data_from(cli_vars.get) -%}
    {%- set models_view = reads_demo_data() -%}
    {%- if seeds_view != models_view -%}
        {%- set from_files = [] -%}
        {%- for name in ['engagement__demo_data'] + raw_source_vars() if name not in cli_vars and var(name, none) not in (none, '', 'contract') -%}
            {%- do from_files.append(name) -%}
        {%- endfor -%}
        {{ exceptions.raise_compiler_error(
            "Variables set in a project file (dbt_project.yml): " ~ from_files | join(", ") ~ ". The switch of the"
            ~ " demo seeds (dbt_project.yml, seeds: +enabled) sees only variables given on the command line, so it"
            ~ (" would load the demo seeds beside your data" if seeds_view else " would leave the demo seeds off")
            ~ ". Give these variables with --vars, e.g. a vars file: dbt build --vars \"$(cat my_vars.yml)\""
            ~ " (docs/operations.md, \"Demo data and your data\")."
        ) }}
    {%- endif -%}

{% endmacro %}


{#- The names of the variables that say where the raw data is. -#}
{% macro raw_source_vars() -%}
    {%- set names = [] -%}
    {%- for source_name in raw_source_names() -%}
        {%- do names.append(source_name ~ '_schema') -%}
        {%- do names.append('engagement__' ~ source_name ~ '_connector') -%}
    {%- endfor -%}
    {{ return(names) }}
{%- endmacro %}


{#- The rule of reads_demo_data over a vars getter (dict.get of the --vars). -#}
{% macro demo_data_from(vars_getter) -%}
    {%- set pointed = [] -%}
    {%- for source_name in raw_source_names() if source_is_pointed(source_name, vars_getter) -%}
        {%- do pointed.append(source_name) -%}
    {%- endfor -%}
    {%- set allowed = vars_getter('engagement__demo_data', target.profile_name == 'engagement') -%}
    {{ return(allowed | string | lower == 'true' and not pointed) }}
{%- endmacro %}


{#- The variables given with --vars, as a dict (dbt keeps them in invocation_args_dict). -#}
{% macro command_line_vars() -%}
    {%- set given = invocation_args_dict.get('vars') or {} -%}
    {%- if given is string -%}
        {%- set given = fromyaml(given) or {} -%}
    {%- endif -%}
    {{ return(given) }}
{%- endmacro %}


{#-
    Variables the user set (--vars, and the vars of the root project's
    dbt_project.yml, global or under `engagement:`) that are not ours but look
    like one of ours, as {given: the one meant}:
      - a name starting with `engagement__` that we do not declare (meant: the
        nearest of ours, or none);
      - any other name equal to one of ours but for case, or within one edit
        (two for names of 12 characters or more) of one of ours: one letter
        left out, added, changed, or two neighbours swapped.
    Other names are a host project's own and pass (e.g. `src_schema` is two edits
    from `crm_schema`, and shorter than 12 characters).
-#}
{% macro misspelt_vars() -%}
    {%- set ours = known_vars() -%}
    {%- set given = [] -%}
    {%- for name in command_line_vars() -%}
        {%- do given.append(name | string) -%}
    {%- endfor -%}
    {%- if var.packages_for_node is defined -%}
        {%- for project in var.packages_for_node() if project.project_name != 'engagement' -%}
            {%- for name, value in project.vars.vars.items() -%}
                {%- if name == 'engagement' and value is mapping -%}
                    {%- for inner in value -%}
                        {%- do given.append(inner | string) -%}
                    {%- endfor -%}
                {%- elif value is not mapping or name != project.project_name -%}
                    {%- do given.append(name | string) -%}
                {%- endif -%}
            {%- endfor -%}
        {%- endfor -%}
    {%- endif -%}
    {%- set found = {} -%}
    {%- for name in given | unique if name not in ours -%}
        {%- set ns = namespace(best=none, distance=99) -%}
        {%- for known in ours if (known | length - name | length) | abs <= 2 -%}
            {%- set distance = edit_distance(name | lower, known) -%}
            {%- if distance < ns.distance -%}
                {%- set ns.best = known -%}
                {%- set ns.distance = distance -%}
            {%- endif -%}
        {%- endfor -%}
        {%- set allowed = 2 if (ns.best or '') | length >= 12 else 1 -%}
        {%- if ns.distance <= allowed -%}
            {%- do found.update({name: ns.best}) -%}
        {%- elif (name | lower).startswith('engagement__') -%}
            {%- do found.update({name: none}) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(found) }}
{%- endmacro %}


{#- Our variables: those dbt_project.yml declares, the connectors', and the demo switch. -#}
{% macro known_vars() -%}
    {%- set names = ['engagement__demo_data'] + raw_source_vars() -%}
    {%- if var.packages_for_node is defined -%}
        {%- for project in var.packages_for_node() if project.project_name == 'engagement' -%}
            {%- for name in project.vars.vars -%}
                {%- do names.append(name) -%}
            {%- endfor -%}
        {%- endfor -%}
    {%- endif -%}
    {{ return(names | unique | list) }}
{%- endmacro %}


{#-
    Edit distance between two strings: the fewest letters left out, added or
    changed, or neighbours swapped, to turn one into the other (optimal string
    alignment). Rows are rebuilt rather than assigned: Jinja has no item assignment.
-#}
{% macro edit_distance(a, b) -%}
    {%- set ns = namespace(before=[], previous=range(b | length + 1) | list) -%}
    {%- for i in range(1, a | length + 1) -%}
        {%- set current = [i] -%}
        {%- for j in range(1, b | length + 1) -%}
            {%- set cost = 0 if a[i - 1] == b[j - 1] else 1 -%}
            {%- set best = [ns.previous[j] + 1, current[j - 1] + 1, ns.previous[j - 1] + cost] | min -%}
            {%- if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1] -%}
                {%- set best = [best, ns.before[j - 2] + 1] | min -%}
            {%- endif -%}
            {%- do current.append(best) -%}
        {%- endfor -%}
        {%- set ns.before = ns.previous -%}
        {%- set ns.previous = current -%}
    {%- endfor -%}
    {{ return(ns.previous[b | length]) }}
{%- endmacro %}
