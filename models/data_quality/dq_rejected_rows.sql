-- Every raw row that did not reach the clean layer, and why: the rows of
-- dq_raw_rows that are not kept, read per table from its base model without
-- joining every kept row to the reference checks (raw_row_rejections).
-- The models the contracts' references name (read by the reference checks):
-- depends_on: {{ ref('stg_crm__accounts') }} {{ ref('stg_crm__contacts') }}
-- depends_on: {{ ref('stg_crm__product_releases') }} {{ ref('stg_survey__surveys') }}
with not_kept as (

    {% for source_name, table_name in raw_tables() %}
    {{ raw_row_rejections(source_name, table_name, ref('base_' ~ source_name ~ '__' ~ table_name)) }}
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

numbered as (

    select
        *,
        -- several rows can share a key (duplicates, empty keys): number them for a unique id
        row_number() over (
            partition by source_name, table_name, row_key order by disposition, reason
        ) as occurrence
    from not_kept

),

final as (

    select
        {{ dbt.hash(dbt.concat(['source_name', "'.'", 'table_name', "'|'", 'row_key', "'#'",
            'cast(occurrence as ' ~ dbt.type_string() ~ ')'])) }} as rejected_row_id,
        source_name,
        table_name,
        row_key,
        disposition,
        {{ dbt.split_part('reason', "':'", 1) }} as reason_code,
        reason
    from numbered

)

select * from final
