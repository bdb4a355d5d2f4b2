-- Every manual override row and what became of it at the current as-of date:
-- applied, or why not (rejected with a reason, expired, pending, duplicate).
-- Bad rows never stop the build and never vanish: they are listed here.
-- It needs the scoring's as-of date (as dq_indicator_health does): a data-quality
-- run without the scoring leaves both out (`--exclude dq_indicator_health dq_manual_overrides`).
with checked as (

    select * from {{ ref('int_manual_overrides_checked') }}

),

final as (

    select
        override_row_number,
        account_id,
        override_band,
        override_score,
        override_reason,
        override_set_by,
        override_set_on,
        override_expires_on,
        as_of_date,
        override_status,
        status_reason,
        override_status <> 'applied' as is_problem
    from checked

)

select * from final
