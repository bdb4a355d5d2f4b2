-- For every raw table: rows in the raw table = kept rows + rejected rows + collapsed duplicates,
-- and the kept rows are exactly the rows the later models read (stg_<source>__<table>, which
-- also checks the table's declared references).
-- Raw rows are counted from the source itself, so a row lost anywhere in staging fails this test.
with summary as (

    select * from {{ ref('dq_raw_table_summary') }}

),

counted_at_both_ends as (

    select
        'crm' as source_name,
        'accounts' as table_name,
        {%- if source_is_used('crm') %}
        (select count(*) from {{ source('crm', 'accounts') }}) as source_rows,
        {%- else %}
        0 as source_rows,  -- switched off (engagement__using_crm: false): not read, maybe not even there
        {%- endif %}
        (select count(*) from {{ ref('stg_crm__accounts') }}) as read_rows
    union all
    select
        'crm' as source_name,
        'managers' as table_name,
        {%- if source_is_used('crm') %}
        (select count(*) from {{ source('crm', 'managers') }}) as source_rows,
        {%- else %}
        0 as source_rows,  -- switched off (engagement__using_crm: false): not read, maybe not even there
        {%- endif %}
        (select count(*) from {{ ref('stg_crm__managers') }}) as read_rows
    union all
    select
        'crm' as source_name,
        'contacts' as table_name,
        {%- if source_is_used('crm') %}
        (select count(*) from {{ source('crm', 'contacts') }}) as source_rows,
        {%- else %}
        0 as source_rows,  -- switched off (engagement__using_crm: false): not read, maybe not even there
        {%- endif %}
        (select count(*) from {{ ref('stg_crm__contacts') }}) as read_rows
    union all
    select
        'crm' as source_name,
        'licenses' as table_name,
        {%- if source_is_used('crm') %}
        (select count(*) from {{ source('crm', 'licenses') }}) as source_rows,
        {%- else %}
        0 as source_rows,  -- switched off (engagement__using_crm: false): not read, maybe not even there
        {%- endif %}
        (select count(*) from {{ ref('stg_crm__licenses') }}) as read_rows
    union all
    select
        'crm' as source_name,
        'deployments' as table_name,
        {%- if source_is_used('crm') %}
        (select count(*) from {{ source('crm', 'deployments') }}) as source_rows,
        {%- else %}
        0 as source_rows,  -- switched off (engagement__using_crm: false): not read, maybe not even there
        {%- endif %}
        (select count(*) from {{ ref('stg_crm__deployments') }}) as read_rows
    union all
    select
        'crm' as source_name,
        'product_releases' as table_name,
        {%- if source_is_used('crm') %}
        (select count(*) from {{ source('crm', 'product_releases') }}) as source_rows,
        {%- else %}
        0 as source_rows,  -- switched off (engagement__using_crm: false): not read, maybe not even there
        {%- endif %}
        (select count(*) from {{ ref('stg_crm__product_releases') }}) as read_rows
    union all
    select
        'crm' as source_name,
        'opportunities' as table_name,
        {%- if source_is_used('crm') %}
        (select count(*) from {{ source('crm', 'opportunities') }}) as source_rows,
        {%- else %}
        0 as source_rows,  -- switched off (engagement__using_crm: false): not read, maybe not even there
        {%- endif %}
        (select count(*) from {{ ref('stg_crm__opportunities') }}) as read_rows
    union all
    select
        'crm' as source_name,
        'activities' as table_name,
        {%- if source_is_used('crm') %}
        (select count(*) from {{ source('crm', 'activities') }}) as source_rows,
        {%- else %}
        0 as source_rows,  -- switched off (engagement__using_crm: false): not read, maybe not even there
        {%- endif %}
        (select count(*) from {{ ref('stg_crm__activities') }}) as read_rows
    union all
    select
        'crm' as source_name,
        'wallet_estimates' as table_name,
        {%- if source_is_used('crm') %}
        (select count(*) from {{ source('crm', 'wallet_estimates') }}) as source_rows,
        {%- else %}
        0 as source_rows,  -- switched off (engagement__using_crm: false): not read, maybe not even there
        {%- endif %}
        (select count(*) from {{ ref('stg_crm__wallet_estimates') }}) as read_rows
    union all
    select
        'support' as source_name,
        'cases' as table_name,
        {%- if source_is_used('support') %}
        (select count(*) from {{ source('support', 'cases') }}) as source_rows,
        {%- else %}
        0 as source_rows,  -- switched off (engagement__using_support: false): not read, maybe not even there
        {%- endif %}
        (select count(*) from {{ ref('stg_support__cases') }}) as read_rows
    union all
    select
        'survey' as source_name,
        'surveys' as table_name,
        {%- if source_is_used('survey') %}
        (select count(*) from {{ source('survey', 'surveys') }}) as source_rows,
        {%- else %}
        0 as source_rows,  -- switched off (engagement__using_survey: false): not read, maybe not even there
        {%- endif %}
        (select count(*) from {{ ref('stg_survey__surveys') }}) as read_rows
    union all
    select
        'survey' as source_name,
        'invitations' as table_name,
        {%- if source_is_used('survey') %}
        (select count(*) from {{ source('survey', 'invitations') }}) as source_rows,
        {%- else %}
        0 as source_rows,  -- switched off (engagement__using_survey: false): not read, maybe not even there
        {%- endif %}
        (select count(*) from {{ ref('stg_survey__invitations') }}) as read_rows
    union all
    select
        'survey' as source_name,
        'responses' as table_name,
        {%- if source_is_used('survey') %}
        (select count(*) from {{ source('survey', 'responses') }}) as source_rows,
        {%- else %}
        0 as source_rows,  -- switched off (engagement__using_survey: false): not read, maybe not even there
        {%- endif %}
        (select count(*) from {{ ref('stg_survey__responses') }}) as read_rows
    union all
    select
        'marketing' as source_name,
        'event_registrations' as table_name,
        {%- if source_is_used('marketing') %}
        (select count(*) from {{ source('marketing', 'event_registrations') }}) as source_rows,
        {%- else %}
        0 as source_rows,  -- switched off (engagement__using_marketing: false): not read, maybe not even there
        {%- endif %}
        (select count(*) from {{ ref('stg_marketing__event_registrations') }}) as read_rows
    union all
    select
        'marketing' as source_name,
        'email_events' as table_name,
        {%- if source_is_used('marketing') %}
        (select count(*) from {{ source('marketing', 'email_events') }}) as source_rows,
        {%- else %}
        0 as source_rows,  -- switched off (engagement__using_marketing: false): not read, maybe not even there
        {%- endif %}
        (select count(*) from {{ ref('stg_marketing__email_events') }}) as read_rows
    union all
    select
        'marketing' as source_name,
        'advocacy' as table_name,
        {%- if source_is_used('marketing') %}
        (select count(*) from {{ source('marketing', 'advocacy') }}) as source_rows,
        {%- else %}
        0 as source_rows,  -- switched off (engagement__using_marketing: false): not read, maybe not even there
        {%- endif %}
        (select count(*) from {{ ref('stg_marketing__advocacy') }}) as read_rows
    union all
    select
        'product' as source_name,
        'usage_events' as table_name,
        {%- if source_is_used('product') %}
        (select count(*) from {{ source('product', 'usage_events') }}) as source_rows,
        {%- else %}
        0 as source_rows,  -- switched off (engagement__using_product: false): not read, maybe not even there
        {%- endif %}
        (select count(*) from {{ ref('stg_product__usage_events') }}) as read_rows

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
