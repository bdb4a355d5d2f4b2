-- The play per customer and as-of date, from the playbook seed
-- (engagement_playbook), keyed on band x lifecycle stage x alert.
-- The band is the one in force: a manual override's band where one applies,
-- else the computed band. The most specific row wins:
--   1. a row for the band, the customer's lifecycle stage and the alert;
--   2. else the band's default row (lifecycle_stage = 'any') for the alert;
--   3. else a visible fallback, action_code `no_play`, that says which
--      combination has no row (never a null action).
-- playbook_match tells which of the three applied: stage, default or none.
with banded as (

    select * from {{ ref('int_customer_scores_banded') }}

),

lifecycle as (

    select * from {{ ref('int_customer_lifecycle_stages') }}

),

overrides as (

    select * from {{ ref('int_customer_overrides_in_force') }}

),

playbook as (

    select * from {{ ref('engagement_playbook') }}

),

situations as (

    select
        banded.as_of_date,
        banded.account_id,
        banded.band,
        overrides.override_band,
        lifecycle.lifecycle_stage,
        banded.is_alerted,
        coalesce(overrides.override_band, banded.band) as band_in_force
    from banded
    inner join lifecycle
        on
            banded.as_of_date = lifecycle.as_of_date
            and banded.account_id = lifecycle.account_id
    left join overrides
        on
            banded.as_of_date = overrides.as_of_date
            and banded.account_id = overrides.account_id

),

matched as (

    select
        situations.*,
        cast(coalesce(stage_play.priority, default_play.priority) as integer) as matched_priority,
        coalesce(stage_play.action_code, default_play.action_code) as matched_action_code,
        coalesce(stage_play.recommended_action, default_play.recommended_action) as matched_recommended_action,
        coalesce(stage_play.owner_role, default_play.owner_role) as matched_owner_role,
        case
            when stage_play.action_code is not null then 'stage'
            when default_play.action_code is not null then 'default'
            else 'none'
        end as playbook_match
    from situations
    left join playbook as stage_play
        on
            situations.band_in_force = stage_play.band
            and situations.lifecycle_stage = stage_play.lifecycle_stage
            and situations.is_alerted = stage_play.is_alerted
    left join playbook as default_play
        on
            situations.band_in_force = default_play.band
            and default_play.lifecycle_stage = 'any'
            and situations.is_alerted = default_play.is_alerted

),

final as (

    select
        as_of_date,
        account_id,
        band,
        override_band,
        band_in_force,
        lifecycle_stage,
        is_alerted,
        playbook_match,
        coalesce(matched_action_code, 'no_play') as action_code,
        coalesce(
            matched_recommended_action,
            concat(
                'No play for band ', band_in_force, ', stage ', lifecycle_stage,
                case when is_alerted then ', alerted' else ', not alerted' end,
                ': review by hand and add a row to the playbook seed (engagement_playbook).'
            )
        ) as recommended_action,
        coalesce(matched_owner_role, 'customer_success_operations') as owner_role,
        coalesce(matched_priority, 3) as action_priority
    from matched

)

select * from final
