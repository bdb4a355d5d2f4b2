-- One row per customer, indicator and as-of date: the raw value, its 0-100 score,
-- its weight and what it contributes to the engagement score.
-- A view: a thin projection of int_indicator_contributions (stored, incremental)
-- with the as-of date's period, so a daily run does not rewrite 20 million rows.
{{ config(materialized=view_materialization()) }}

with contributions as (

    select * from {{ ref('int_indicator_contributions') }}

),

as_of_dates as (

    select * from {{ ref('int_scoring_as_of_dates') }}

),

contribution_changes as (

    select * from {{ ref('int_indicator_contribution_changes') }}

),

final as (

    select
        contributions.account_id,
        contributions.as_of_date,
        contributions.indicator,
        as_of_dates.period_index,
        as_of_dates.is_current,
        contributions.element,
        contributions.behaviour,
        contributions.direction,
        contributions.normalization,
        contributions.peer_group_value,
        contributions.when_missing,
        contributions.raw_value,
        contributions.evidence_count,
        contributions.weighted_evidence,
        contributions.has_data,
        contributions.is_excluded,
        contributions.indicator_score,
        contributions.weight,
        contributions.element_weight,
        cast(contributions.nominal_weight as {{ type_double() }}) as nominal_weight,
        cast(contributions.effective_weight as {{ type_double() }}) as effective_weight,
        cast(contributions.contribution_points as {{ type_double() }}) as contribution_points,
        cast(contributions.points_left_on_table as {{ type_double() }}) as points_left_on_table,
        cast(contributions.impact_points as {{ type_double() }}) as impact_points,
        cast(contribution_changes.previous_contribution_points as {{ type_double() }})
            as previous_contribution_points,
        cast(contribution_changes.contribution_change_points as {{ type_double() }}) as contribution_change_points
    from contributions
    inner join as_of_dates
        on contributions.as_of_date = as_of_dates.as_of_date
    left join contribution_changes
        on
            contributions.as_of_date = contribution_changes.as_of_date
            and contributions.account_id = contribution_changes.account_id
            and contributions.indicator = contribution_changes.indicator

)

select * from final
