-- Every raw row that did not reach the clean layer, and why: the rows of
-- dq_raw_rows that are not kept, each with an id.
with not_kept as (

    select
        source_name,
        table_name,
        row_key,
        disposition,
        reason
    from {{ ref('dq_raw_rows') }}
    where disposition <> 'kept'

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
