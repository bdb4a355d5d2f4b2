-- For every raw table: rows in the raw table = kept rows + rejected rows + collapsed duplicates,
-- and the kept rows are exactly the rows the later models read (stg_<source>__<table>, or
-- int_<source>__<table>_referenced for a table whose references are checked after staging).
-- Raw rows are counted from the source itself, so a row lost anywhere in staging fails this test.
with summary as (

    select * from {{ ref('dq_raw_table_summary') }}

),

counted_at_both_ends as (

    select
        'crm' as source_name,
        'accounts' as table_name,
        (select count(*) from {{ source('crm', 'accounts') }}) as source_rows,
        (select count(*) from {{ ref('stg_crm__accounts') }}) as read_rows
    union all
    select
        'crm',
        'managers',
        (select count(*) from {{ source('crm', 'managers') }}),
        (select count(*) from {{ ref('stg_crm__managers') }})
    union all
    select
        'crm',
        'contacts',
        (select count(*) from {{ source('crm', 'contacts') }}),
        (select count(*) from {{ ref('int_crm__contacts_referenced') }})
    union all
    select
        'crm',
        'licenses',
        (select count(*) from {{ source('crm', 'licenses') }}),
        (select count(*) from {{ ref('int_crm__licenses_referenced') }})
    union all
    select
        'crm',
        'deployments',
        (select count(*) from {{ source('crm', 'deployments') }}),
        (select count(*) from {{ ref('int_crm__deployments_referenced') }})
    union all
    select
        'crm',
        'product_releases',
        (select count(*) from {{ source('crm', 'product_releases') }}),
        (select count(*) from {{ ref('stg_crm__product_releases') }})
    union all
    select
        'crm',
        'opportunities',
        (select count(*) from {{ source('crm', 'opportunities') }}),
        (select count(*) from {{ ref('int_crm__opportunities_referenced') }})
    union all
    select
        'crm',
        'activities',
        (select count(*) from {{ source('crm', 'activities') }}),
        (select count(*) from {{ ref('int_crm__activities_referenced') }})
    union all
    select
        'crm',
        'wallet_estimates',
        (select count(*) from {{ source('crm', 'wallet_estimates') }}),
        (select count(*) from {{ ref('int_crm__wallet_estimates_referenced') }})
    union all
    select
        'support',
        'cases',
        (select count(*) from {{ source('support', 'cases') }}),
        (select count(*) from {{ ref('int_support__cases_referenced') }})
    union all
    select
        'survey',
        'surveys',
        (select count(*) from {{ source('survey', 'surveys') }}),
        (select count(*) from {{ ref('stg_survey__surveys') }})
    union all
    select
        'survey',
        'invitations',
        (select count(*) from {{ source('survey', 'invitations') }}),
        (select count(*) from {{ ref('int_survey__invitations_referenced') }})
    union all
    select
        'survey',
        'responses',
        (select count(*) from {{ source('survey', 'responses') }}),
        (select count(*) from {{ ref('int_survey__responses_referenced') }})
    union all
    select
        'marketing',
        'event_registrations',
        (select count(*) from {{ source('marketing', 'event_registrations') }}),
        (select count(*) from {{ ref('int_marketing__event_registrations_referenced') }})
    union all
    select
        'marketing',
        'email_events',
        (select count(*) from {{ source('marketing', 'email_events') }}),
        (select count(*) from {{ ref('int_marketing__email_events_referenced') }})
    union all
    select
        'marketing',
        'advocacy',
        (select count(*) from {{ source('marketing', 'advocacy') }}),
        (select count(*) from {{ ref('int_marketing__advocacy_referenced') }})
    union all
    select
        'product',
        'usage_events',
        (select count(*) from {{ source('product', 'usage_events') }}),
        (select count(*) from {{ ref('int_product__usage_events_referenced') }})

),

final as (

    select
        counted_at_both_ends.*,
        summary.raw_rows,
        summary.kept_rows,
        summary.duplicate_rows,
        summary.rejected_rows
    from counted_at_both_ends
    left join summary
        on
            counted_at_both_ends.source_name = summary.source_name
            and counted_at_both_ends.table_name = summary.table_name

)

select *
from final
where
    raw_rows is null
    or source_rows <> raw_rows
    or read_rows <> kept_rows
    or raw_rows <> kept_rows + duplicate_rows + rejected_rows
