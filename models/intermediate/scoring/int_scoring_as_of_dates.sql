-- The dates scores are computed as of: the as-of date T (period_index 0) and the
-- ends of the `engagement__history_periods` periods before it.
-- T is var engagement__as_of_date, or else the latest date seen in the loaded data,
-- so a static data set scores the same tomorrow as today.
{%- set grain = var('engagement__history_grain') %}
{%- if grain not in ['week', 'month', 'quarter'] %}
    {{ exceptions.raise_compiler_error("engagement__history_grain must be week, month or quarter, not '" ~ grain ~ "'") }}
{%- endif %}

with latest_seen as (

    {% set touchpoints = [
        (ref('stg_product__usage_events'), 'occurred_at'),
        (ref('stg_marketing__email_events'), 'occurred_at'),
        (ref('stg_marketing__event_registrations'), 'registered_at'),
        (ref('stg_marketing__advocacy'), 'occurred_at'),
        (ref('stg_support__cases'), 'opened_at'),
        (ref('stg_survey__responses'), 'responded_at'),
        (ref('stg_survey__invitations'), 'sent_at'),
        (ref('stg_crm__activities'), 'occurred_at'),
        (ref('stg_crm__opportunities'), 'created_at'),
        (ref('stg_crm__deployments'), 'reported_at'),
    ] %}
    {% for relation, column in touchpoints %}
    select max({{ to_date(column) }}) as seen_on from {{ relation }}
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

as_of as (

    {% if var('engagement__as_of_date') %}
    select cast('{{ var("engagement__as_of_date") }}' as date) as as_of_date
    {% else %}
    select max(seen_on) as as_of_date
    from latest_seen
    {% endif %}

),

period_ends as (

    select
        0 as period_index,
        as_of_date
    from as_of
    {% for period_index in range(1, var('engagement__history_periods') + 1) %}
    union all
    select
        {{ period_index }} as period_index,
        -- the day before the start of the period (period_index - 1) periods before T's
        cast({{ dbt.dateadd('day', -1, dbt.dateadd(grain, 1 - period_index, dbt.date_trunc(grain, 'as_of_date'))) }} as date)
            as as_of_date
    from as_of
    {% endfor %}

),

final as (

    select
        as_of_date,
        period_index,
        period_index = 0 as is_current
    from period_ends

)

select * from final
