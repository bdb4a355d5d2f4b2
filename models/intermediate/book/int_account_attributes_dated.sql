-- Each account's CRM attributes as they were on each date the scores and the
-- book's KPIs look at (every as-of date, and the same dates one and two years
-- earlier): the snapshot version valid at the end of that day. Before the
-- first snapshot (the day the project was installed) the earliest version
-- stands in, and has_attributes_of_time is false. On Spark (no snapshots) and
-- for an account no snapshot has seen yet, today's CRM row stands in.
{%- set use_snapshots = target.type != 'spark' %}

with as_of_dates as (

    select * from {{ ref('int_scoring_as_of_dates') }}

),

accounts as (

    select * from {{ ref('stg_crm__accounts') }}

),
{%- if use_snapshots %}

account_snapshots as (

    select * from {{ ref('snap_crm__accounts') }}

),

versions as (

    select
        account_id,
        parent_account_id,
        manager_id,
        industry,
        region,
        segment,
        annual_contract_value,
        cast(dbt_valid_from as date) as valid_from_on,
        cast(dbt_valid_to as date) as valid_to_on,
        row_number() over (partition by account_id order by dbt_valid_from asc) as version_number
    from account_snapshots

),
{%- endif %}

attribute_dates as (

    {%- for years_back in range(3) %}
    select cast({{ dbt.dateadd('year', -years_back, 'as_of_date') }} as date) as attributes_on
    from as_of_dates
    {%- if not loop.last %}
    union
    {%- endif %}
    {%- endfor %}

),

final as (

    select
        attribute_dates.attributes_on,
        accounts.account_id,
        {%- if use_snapshots %}
        {%- for column in ['parent_account_id', 'manager_id', 'industry', 'region', 'segment', 'annual_contract_value'] %}
        case
            when of_time.account_id is not null then of_time.{{ column }}
            when first_version.account_id is not null then first_version.{{ column }}
            else accounts.{{ column }}
        end as {{ column }},
        {%- endfor %}
        coalesce(
            of_time.valid_from_on, first_version.valid_from_on, cast({{ dbt.current_timestamp() }} as date)
        ) as attributes_as_of,
        of_time.account_id is not null as has_attributes_of_time
        {%- else %}
        accounts.parent_account_id,
        accounts.manager_id,
        accounts.industry,
        accounts.region,
        accounts.segment,
        accounts.annual_contract_value,
        cast({{ dbt.current_timestamp() }} as date) as attributes_as_of,
        false as has_attributes_of_time
        {%- endif %}
    from attribute_dates
    cross join accounts
    {%- if use_snapshots %}
    left join versions as of_time
        on
            accounts.account_id = of_time.account_id
            and attribute_dates.attributes_on >= of_time.valid_from_on
            and (of_time.valid_to_on is null or attribute_dates.attributes_on < of_time.valid_to_on)
    left join versions as first_version
        on
            accounts.account_id = first_version.account_id
            and first_version.version_number = 1
    {%- endif %}

)

select * from final
