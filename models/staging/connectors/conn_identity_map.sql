-- The user's identity map (system, external id -> account id), one row per
-- system and external id; empty when engagement__identity_map_schema is unset.
-- Adapters join it to find the account behind another system's id; an id it
-- does not match is rejected by the adapter as unmatched_identity.
{%- set reads_map = var('engagement__identity_map_schema') != '' %}

with identity_map as (

    {% if reads_map -%}
    select
        lower(trim(cast(source_system as {{ dbt.type_string() }}))) as source_system,
        trim(cast(external_id as {{ dbt.type_string() }})) as external_id,
        trim(cast(account_id as {{ dbt.type_string() }})) as account_id
    from {{ source('connectors', 'identity_map') }}
    {%- else -%}
    select
        cast(null as {{ dbt.type_string() }}) as source_system,
        cast(null as {{ dbt.type_string() }}) as external_id,
        cast(null as {{ dbt.type_string() }}) as account_id
    from (select 1 as no_row) as no_identity_map
    where 1 = 0
    {%- endif %}

),

final as (

    -- an id mapped twice to different accounts is ambiguous: the first account id wins, so
    -- the adapters' joins never fan out (documented in docs/connectors.md)
    select
        source_system,
        external_id,
        min(account_id) as account_id
    from identity_map
    where external_id is not null and account_id is not null
    group by source_system, external_id

)

select * from final
