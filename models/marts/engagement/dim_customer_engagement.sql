-- One row per current customer: today's scores, band and trend, the three
-- indicators pulling the score up and down the most, and the playbook's action;
-- then the lifecycle stage and days to renewal, why the score moved since the
-- previous period, and any manual override in force beside the computed band.
-- The lifecycle stage comes with the scores (fct_customer_engagement carries
-- it), the band in force with the play (int_customer_plays): neither is joined
-- again here; the override's details (score, reason, who, until when) are read
-- from int_customer_overrides_in_force, the one model that holds them.
-- The top drivers are int_customer_top_drivers'.

with current_scores as (

    select * from {{ ref('fct_customer_engagement') }}
    where is_current

),

accounts as (

    select * from {{ ref('int_account_profiles') }}

),

managers as (

    select * from {{ ref('int_manager_profiles') }}

),

playbook as (

    select * from {{ ref('int_customer_plays') }}

),

overrides_in_force as (

    select * from {{ ref('int_customer_overrides_in_force') }}

),

movers as (

    select * from {{ ref('int_customer_score_movers') }}

),

top_drivers as (

    select * from {{ ref('int_customer_top_drivers') }}

),

final as (

    select
        current_scores.account_id,
        accounts.account_name,
        current_scores.parent_account_id,
        current_scores.manager_id,
        managers.manager_name,
        current_scores.segment,
        current_scores.region,
        accounts.industry,
        current_scores.annual_contract_value,
        accounts.became_customer_on,
        current_scores.as_of_date,
        current_scores.engagement_score,
        current_scores.product_usage_score,
        current_scores.sentiment_score,
        current_scores.involvement_score,
        current_scores.competitive_status_score,
        current_scores.say_score,
        current_scores.stay_score,
        current_scores.spend_score,
        current_scores.coverage_pct,
        current_scores.band,
        current_scores.previous_engagement_score,
        current_scores.previous_band,
        current_scores.score_change,
        case
            when current_scores.score_change is null then 'new'
            when {{ stable_value('current_scores.score_change') }} > {{ var('engagement__trend_flat_points') }} then 'up'
            when {{ stable_value('current_scores.score_change') }} < -{{ var('engagement__trend_flat_points') }}
                then 'down'
            else 'flat'
        end as trend,
        current_scores.is_alerted,
        current_scores.alert_reason,
        top_drivers.top_driver_up_1,
        top_drivers.top_driver_up_2,
        top_drivers.top_driver_up_3,
        top_drivers.top_driver_down_1,
        top_drivers.top_driver_down_2,
        top_drivers.top_driver_down_3,
        playbook.action_code,
        playbook.recommended_action,
        playbook.owner_role,
        playbook.action_priority,
        current_scores.lifecycle_stage,
        current_scores.days_to_renewal,
        current_scores.next_contract_end_on,
        current_scores.has_open_renewal,
        playbook.playbook_match,
        movers.score_movers,
        movers.top_mover_1,
        movers.top_mover_2,
        movers.top_mover_3,
        playbook.band_in_force,
        overrides_in_force.account_id is not null as has_override,
        overrides_in_force.override_band,
        overrides_in_force.override_score,
        overrides_in_force.override_reason,
        overrides_in_force.override_set_by,
        overrides_in_force.override_set_on,
        overrides_in_force.override_expires_on,
        current_scores.churn_risk_pct,
        current_scores.churn_risk_null_reason
    from current_scores
    inner join accounts
        on current_scores.account_id = accounts.account_id
    left join managers
        on current_scores.manager_id = managers.manager_id
    left join top_drivers
        on current_scores.account_id = top_drivers.account_id
    left join playbook
        on
            current_scores.as_of_date = playbook.as_of_date
            and current_scores.account_id = playbook.account_id
    left join overrides_in_force
        on
            current_scores.as_of_date = overrides_in_force.as_of_date
            and current_scores.account_id = overrides_in_force.account_id
    left join movers
        on
            current_scores.as_of_date = movers.as_of_date
            and current_scores.account_id = movers.account_id

)

select * from final
