-- Where this build's data came from, in one row: the demo data this project ships
-- or the user's own. Readers (BI tools, the published copy) see it beside the
-- scores, so that demo figures are never taken for a company's.
-- Every dbt command parses this model, so the variables are checked here, once,
-- before anything runs (macros/staging/check_data_sources.sql): pointed and
-- unpointed sources mixed, a misspelt variable, the seeds' switch out of step.
{%- do check_data_sources() -%}
{%- set reads_demo = reads_demo_data() -%}
{%- set sources_read = [] -%}
{%- for source_name in raw_source_names() if source_is_used(source_name) -%}
{%- do sources_read.append(source_name) -%}
{%- endfor %}

with build_origin as (

    select
        cast({{ 'true' if reads_demo else 'false' }} as {{ dbt.type_boolean() }}) as reads_demo_data,
        cast('{{ "demo" if reads_demo else "your_data" }}' as {{ dbt.type_string() }}) as data_origin,
        cast('{{ sources_read | join(", ") }}' as {{ dbt.type_string() }}) as sources_read
    from (select 1 as one_row) as one_build

)

select * from build_origin
