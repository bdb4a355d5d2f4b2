-- Every raw row of every raw table, once, with its final fate: `kept`, `duplicate`
-- or `rejected`, and why. The base staging models classify each row against its
-- own table; a kept row whose references do not resolve (checked after staging,
-- models/intermediate/integrity/) is rejected here with that reason. The other
-- data-quality models and the reconciliation test read this one.
with
{% for source_name, table_name, is_reference_checked in raw_tables() %}
{{ source_name }}__{{ table_name }}__base as (

    select * from {{ ref('base_' ~ source_name ~ '__' ~ table_name) }}

),
{% if is_reference_checked %}
{{ source_name }}__{{ table_name }}__orphans as (

    select
        dq_row_key,
        dq_reason
    from {{ ref('int_' ~ source_name ~ '__' ~ table_name ~ '_references_checked') }}
    where dq_reason is not null

),
{% endif %}
{{ source_name }}__{{ table_name }} as (

    select
        '{{ source_name }}' as source_name,
        '{{ table_name }}' as table_name,
        base_rows.dq_row_key as row_key,
        base_rows.dq_version_rank as version_rank,
        {%- if is_reference_checked %}
        case when orphans.dq_row_key is null then base_rows.dq_disposition else 'rejected' end as disposition,
        coalesce(orphans.dq_reason, base_rows.dq_detail) as reason,
        {%- else %}
        base_rows.dq_disposition as disposition,
        base_rows.dq_detail as reason,
        {%- endif %}
        base_rows.dq_flag as flag
    from {{ source_name }}__{{ table_name }}__base as base_rows
    {%- if is_reference_checked %}
    left join {{ source_name }}__{{ table_name }}__orphans as orphans
        on
            base_rows.dq_disposition = 'kept'
            and base_rows.dq_row_key = orphans.dq_row_key
    {%- endif %}

),
{% endfor %}

final as (

    {% for source_name, table_name, is_reference_checked in raw_tables() %}
    select * from {{ source_name }}__{{ table_name }}
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

)

select * from final
