-- Every manual override row with its status at the current as-of date T and why:
--   rejected  unknown_account (not in the CRM), unknown_band (not engaged /
--             at_risk / disengaged), score_out_of_range (not 0-100),
--             no_band_or_score, no_expiry_date, expiry_not_after_set_on;
--   expired   expires_on on or before T (an override stops on its date);
--   pending   set_on after T (applies from set_on);
--   duplicate another valid row of the same account in force at T wins: the
--             latest set_on, then the latest expires_on, then the first by
--             band, score, set_by and reason (the same order as
--             int_customer_overrides_in_force uses at every as-of date);
--   applied   in force at T.
-- Valid rows (no rejection reason) apply at each as-of date d with
-- set_on <= d < expires_on: see int_customer_overrides_in_force.
with overrides as (

    select * from {{ ref('stg_overrides__manual_overrides') }}

),

accounts as (

    select * from {{ ref('stg_crm__accounts') }}

),

as_of as (

    select as_of_date from {{ ref('int_scoring_as_of_dates') }}
    where is_current

),

keyed as (

    select
        *,
        cast(row_number() over (
            order by
                account_id asc nulls last, override_set_on asc nulls last, override_expires_on asc nulls last,
                override_band asc nulls last, override_score asc nulls last, override_set_by asc nulls last,
                override_reason asc nulls last
        ) as {{ dbt.type_bigint() }}) as override_row_number
    from overrides

),

validated as (

    select
        keyed.*,
        as_of.as_of_date,
        case
            when accounts.account_id is null then 'unknown_account'
            when
                keyed.override_band is not null
                and keyed.override_band not in ('engaged', 'at_risk', 'disengaged')
                then 'unknown_band'
            when keyed.override_score < 0 or keyed.override_score > 100 then 'score_out_of_range'
            when keyed.override_band is null and keyed.override_score is null then 'no_band_or_score'
            when keyed.override_expires_on is null then 'no_expiry_date'
            when keyed.override_expires_on <= keyed.override_set_on then 'expiry_not_after_set_on'
        end as rejection_reason
    from keyed
    cross join as_of
    left join accounts
        on keyed.account_id = accounts.account_id

),

in_force as (

    select
        override_row_number,
        row_number() over (
            partition by account_id
            order by
                override_set_on desc nulls last,
                override_expires_on desc nulls last,
                override_band asc nulls last,
                override_score asc nulls last,
                override_set_by asc nulls last,
                override_reason asc nulls last,
                override_row_number asc nulls last
        ) as precedence
    from validated
    where
        rejection_reason is null
        and (override_set_on is null or override_set_on <= as_of_date)
        and as_of_date < override_expires_on

),

final as (

    select
        validated.override_row_number,
        validated.account_id,
        validated.override_band,
        validated.override_score,
        validated.override_reason,
        validated.override_set_by,
        validated.override_set_on,
        validated.override_expires_on,
        validated.as_of_date,
        case
            when validated.rejection_reason is not null then 'rejected'
            when validated.override_expires_on <= validated.as_of_date then 'expired'
            when validated.override_set_on > validated.as_of_date then 'pending'
            when in_force.precedence > 1 then 'duplicate'
            else 'applied'
        end as override_status,
        validated.rejection_reason is null as is_valid,
        coalesce(
            validated.rejection_reason,
            case
                when validated.override_expires_on <= validated.as_of_date then 'expired'
                when validated.override_set_on > validated.as_of_date then 'not_yet_set'
                when in_force.precedence > 1 then 'superseded_by_a_later_override'
            end
        ) as status_reason
    from validated
    left join in_force
        on validated.override_row_number = in_force.override_row_number

)

select * from final
