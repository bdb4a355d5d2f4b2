-- Every account with each of its ancestors in the corporate hierarchy
-- (parent_account_id, any depth), itself included at depth 0.
with accounts as (

    select
        account_id,
        parent_account_id
    from {{ ref('stg_crm__accounts') }}

),

{{ hierarchy_paths('accounts', 'account_id', 'parent_account_id', 'accounts') }},

final as (

    select
        ancestor_id as ancestor_account_id,
        descendant_id as account_id,
        depth
    from accounts_paths

)

select * from final
