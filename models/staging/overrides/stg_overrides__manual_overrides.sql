-- Manual overrides as the account team entered them, typed and trimmed, one row
-- per entered row (bad rows are kept: int_manual_overrides_checked says why
-- each is or is not applied, and dq_manual_overrides shows them).
-- Reads the seed engagement_overrides unless engagement__overrides_schema points
-- at the user's own table.
-- Schema and materialization: the staging folder's (dbt_project.yml). The demo
-- seed is loaded by `dbt seed` / `dbt build`: a staging-only `dbt run --select
-- staging` without it leaves this model out (`--exclude stg_overrides__manual_overrides`).
{#- The demo's seed only where the demo is read (macros/staging/demo_data.sql); your own table when
    engagement__overrides_schema names it; else no overrides (installed as a package, no table named). -#}
{%- set reads_own_table = var('engagement__overrides_schema') != '' -%}
{%- set reads_demo_seed = not reads_own_table and reads_demo_data() -%}
{%- if reads_demo_seed -%}
{%- do ref('engagement_overrides') -%}
{%- endif %}

with overrides as (

    {% if reads_own_table or reads_demo_seed -%}
    select * from {{ source('overrides', 'manual_overrides') }}
    {%- else -%}
    select
        cast(null as {{ dbt.type_string() }}) as account_id,
        cast(null as {{ dbt.type_string() }}) as override_band,
        cast(null as {{ type_double() }}) as override_score,
        cast(null as {{ dbt.type_string() }}) as reason,
        cast(null as {{ dbt.type_string() }}) as set_by,
        cast(null as date) as set_on,
        cast(null as date) as expires_on
    from (select 1 as no_row) as no_overrides
    where 1 = 0
    {%- endif %}

),

final as (

    select
        cast(trim(cast(account_id as {{ dbt.type_string() }})) as {{ dbt.type_string() }}) as account_id,
        cast({{ normalize_enum('cast(override_band as ' ~ dbt.type_string() ~ ')') }} as {{ dbt.type_string() }})
            as override_band,
        cast(override_score as {{ type_double() }}) as override_score,
        cast(reason as {{ dbt.type_string() }}) as override_reason,
        cast(set_by as {{ dbt.type_string() }}) as override_set_by,
        cast(set_on as date) as override_set_on,
        cast(expires_on as date) as override_expires_on
    from overrides

)

select * from final
