-- Manual overrides as the account team entered them, typed and trimmed, one row
-- per entered row (bad rows are kept: int_manual_overrides_checked says why
-- each is or is not applied, and dq_manual_overrides shows them).
-- Reads the seed engagement_overrides unless engagement__overrides_schema points
-- at the user's own table.
-- Lives outside models/staging (schema staging all the same) so that a
-- staging-only run (`--select staging`) needs neither the seed nor the scoring.
{{ config(materialized=view_materialization(), schema='staging') }}
{%- if var('engagement__overrides_schema') == '' -%}
{%- do ref('engagement_overrides') -%}
{%- endif %}

with overrides as (

    select * from {{ source('overrides', 'manual_overrides') }}

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
