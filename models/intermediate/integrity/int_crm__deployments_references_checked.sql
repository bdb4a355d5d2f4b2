-- Every clean crm.deployments row (stg_crm__deployments) with the references it makes checked:
-- `dq_reason` names the first reference that does not resolve, null when all do.
-- The rows whose references resolve are int_crm__deployments_referenced; the others are rejected
-- as orphan_reference in dq_rejected_rows.
with deployments as (

    select * from {{ ref('stg_crm__deployments') }}

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

final as (

    select
        deployments.*,
        {{ raw_row_key(['deployments.account_id', 'deployments.product_module', 'deployments.version']) }} as dq_row_key,
        case
            {{ reject_orphan('deployments.account_id', 'accounts.account_id', 'accounts') }}
            {{ reject_orphan('deployments.version', 'releases.version', 'product_releases') }}
        end as dq_reason
    from deployments
    left join accounts
        on deployments.account_id = accounts.account_id
    left join releases
        on
            deployments.product_module = releases.product_module
            and deployments.version = releases.version

)

select * from final
