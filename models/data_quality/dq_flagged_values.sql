-- Kept rows with a value the build could not use as given, and why: an
-- unreadable optional value (read as null), a negative count or amount (read
-- as null), a parent link that closes a loop in a hierarchy (ignored by the
-- rollups); and kept touchpoints dated before their account's customer_since
-- (scored as they are). The row itself reached the clean staging layer.
-- The flagged kept rows are read from dq_raw_rows, where every raw row has its
-- fate and flag.
with kept_rows_flagged as (

    select
        source_name,
        table_name,
        row_key,
        flag
    from {{ ref('dq_raw_rows') }}
    where disposition = 'kept' and flag is not null

),

hierarchy_cycles as (

    select
        'crm' as source_name,
        case when hierarchy = 'account' then 'accounts' else 'managers' end as table_name,
        node_id as row_key,
        {{ dbt.concat([
            "'hierarchy_cycle: '",
            "case when hierarchy = 'account' then 'parent_account_id' else 'reports_to_manager_id' end",
            "' = '", 'parent_id', "' closes a loop; the link is ignored'",
        ]) }} as flag
    from {{ ref('int_hierarchy_cycles') }}

),

touchpoints_before_customer_since as (

    select
        source_name,
        table_name,
        row_key,
        flag
    from {{ ref('int_touchpoints_before_customer_since') }}

),

unioned as (

    select * from kept_rows_flagged
    union all
    select * from hierarchy_cycles
    union all
    select * from touchpoints_before_customer_since

),

final as (

    select
        {{ dbt.hash(dbt.concat(['source_name', "'.'", 'table_name', "'|'", 'row_key', "'#'", 'flag'])) }}
            as flagged_value_id,
        source_name,
        table_name,
        row_key,
        {{ dbt.split_part('flag', "':'", 1) }} as flag_code,
        flag
    from unioned

)

select * from final
