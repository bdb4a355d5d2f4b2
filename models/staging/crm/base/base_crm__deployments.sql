-- Every raw deployment report, typed and checked, with its fate (kept / duplicate / rejected).
-- One row per account, module and version: the latest report of that version wins.
with source as (

    {{ select_raw_source('crm', 'deployments') }}

),

accounts as (

    select account_id from {{ ref('stg_crm__accounts') }}

),

releases as (

    select
        product_module,
        version
    from {{ ref('stg_crm__product_releases') }}

),

normalised as (

    select
        account_id,
        {{ normalise_enum('product_module') }} as product_module,
        trim(version) as version,
        reported_at
    from source

),

checked as (

    select
        normalised.*,
        case
            {{- reject_missing(['normalised.account_id', 'normalised.product_module', 'normalised.version',
                'reported_at']) }}
            {{- reject_future(['reported_at']) }}
            {{- reject_orphan('normalised.account_id', 'accounts.account_id', 'accounts') }}
            {{- reject_orphan('normalised.version', 'releases.version', 'product_releases') }}
        end as dq_reason
    from normalised
    left join accounts
        on normalised.account_id = accounts.account_id
    left join releases
        on
            normalised.product_module = releases.product_module
            and normalised.version = releases.version

),

{{ classify_raw_rows('checked', ['account_id', 'product_module', 'version'], 'reported_at') }}

select * from classified
