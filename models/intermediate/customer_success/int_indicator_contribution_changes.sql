-- Why the score moved: per customer, indicator and as-of date, the indicator's
-- contribution points now, at the previous period end, and the change.
-- An indicator's contribution is effective weight x score, so the changes of a
-- customer's indicators add up to its score_change exactly (tested by
-- tests/assert_contribution_changes_add_up_to_score_changes.sql). A change comes
-- from the indicator's own score or from its weight (an indicator dropping out
-- re-normalizes the others' weights). Null without a previous period score.
-- A view, as fct_customer_indicator_scores: no second copy of the largest table.
{{ config(materialized=view_materialization()) }}
with contributions as (

    select * from {{ ref('int_indicator_contributions') }}

),

banded as (

    select * from {{ ref('int_customer_scores_banded') }}

),

final as (

    select
        contributions.as_of_date,
        contributions.account_id,
        contributions.indicator,
        banded.previous_as_of_date,
        contributions.contribution_points,
        previous.contribution_points as previous_contribution_points,
        case
            when banded.score_change is not null
                then contributions.contribution_points - coalesce(previous.contribution_points, 0)
        end as contribution_change_points
    from contributions
    inner join banded
        on
            contributions.as_of_date = banded.as_of_date
            and contributions.account_id = banded.account_id
    left join contributions as previous
        on
            banded.previous_as_of_date = previous.as_of_date
            and contributions.account_id = previous.account_id
            and contributions.indicator = previous.indicator

)

select * from final
