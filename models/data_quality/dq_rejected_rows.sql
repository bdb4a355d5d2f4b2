-- Every raw row that did not reach the clean staging layer, and why.
with
{% for source_name, table_name in raw_tables() %}
{{ source_name }}__{{ table_name }} as (

    select
        '{{ source_name }}' as source_name,
        '{{ table_name }}' as table_name,
        dq_row_key as row_key,
        dq_disposition as disposition,
        dq_detail as reason
    from {{ ref('base_' ~ source_name ~ '__' ~ table_name) }}
    where dq_disposition <> 'kept'

),
{% endfor %}

unioned as (

    {% for source_name, table_name in raw_tables() %}
    select * from {{ source_name }}__{{ table_name }}
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
    from unioned

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
