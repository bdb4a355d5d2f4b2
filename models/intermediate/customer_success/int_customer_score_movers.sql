-- Why the score moved, in words a customer-success lead reads, per customer and
-- as-of date: the score change and the (up to) three indicators whose
-- contribution changed the most since the previous period, e.g.
-- "-8.2: logins_per_seat -5.1, nps -3.0".
-- Order: largest absolute change first (on 9 decimals, so that float noise
-- between engines cannot reorder a tie); ties by indicator name. Only changes of
-- at least var engagement__driver_min_impact_points (0.5) points are named: a
-- smaller one is noise to a reader; "no indicator moved" when none is that
-- large. Null without a previous period score.
-- Incremental by as-of date, like the scores it explains: a run rewrites the
-- dates in the lookback window, and the earliest date (whose previous period
-- slides out of the history); the older dates' scores and contributions are
-- frozen between full refreshes, so their movers cannot change.
{{ config(pre_hook="{{ delete_stale_as_of_dates(ref('int_scoring_as_of_dates')) }}", **incremental_by_as_of_date()) }}

{#- the dates an incremental run refreshes, plus the earliest as-of date, which loses its previous period -#}
{%- set dates_to_refresh = as_of_dates_to_refresh('as_of_date', ref('int_scoring_as_of_dates')) %}
{%- if is_incremental() and execute %}
    {%- set earliest_query = 'select min(as_of_date) from ' ~ ref('int_scoring_as_of_dates') %}
    {%- set earliest = run_query(earliest_query).columns[0].values()[0] %}
    {%- set dates_to_refresh = '(' ~ dates_to_refresh ~ " or as_of_date = cast('" ~ earliest ~ "' as date))" %}
{%- endif %}

with changes as (

    select * from {{ ref('int_indicator_contribution_changes') }}
    where
        contribution_change_points is not null
        and {{ dates_to_refresh }}

),

banded as (

    select * from {{ ref('int_customer_scores_banded') }}
    where {{ dates_to_refresh }}

),

ranked as (

    select
        as_of_date,
        account_id,
        indicator,
        contribution_change_points,
        row_number() over (
            partition by as_of_date, account_id
            order by cast(abs(contribution_change_points) as decimal(38, 9)) desc, indicator asc
        ) as mover_rank
    from changes
    where {{ stable_value('abs(contribution_change_points)') }} >= {{ driver_min_impact_points() }}

),

worded as (

    select
        as_of_date,
        account_id,
        mover_rank,
        indicator,
        contribution_change_points,
        concat(indicator, ' ', {{ signed_points('contribution_change_points') }}) as mover_text
    from ranked
    where mover_rank <= 3

),

pivoted as (

    select
        as_of_date,
        account_id,
        max(case when mover_rank = 1 then indicator end) as top_mover_1,
        max(case when mover_rank = 2 then indicator end) as top_mover_2,
        max(case when mover_rank = 3 then indicator end) as top_mover_3,
        max(case when mover_rank = 1 then mover_text end) as mover_text_1,
        max(case when mover_rank = 2 then mover_text end) as mover_text_2,
        max(case when mover_rank = 3 then mover_text end) as mover_text_3
    from worded
    group by as_of_date, account_id

),

final as (

    select
        banded.as_of_date,
        banded.account_id,
        banded.score_change,
        pivoted.top_mover_1,
        pivoted.top_mover_2,
        pivoted.top_mover_3,
        case
            when banded.score_change is not null
                then concat(
                    {{ signed_points('banded.score_change') }},
                    ': ',
                    coalesce(
                        nullif(concat_ws(', ', pivoted.mover_text_1, pivoted.mover_text_2, pivoted.mover_text_3), ''),
                        'no indicator moved'
                    )
                )
        end as score_movers
    from banded
    left join pivoted
        on
            banded.as_of_date = pivoted.as_of_date
            and banded.account_id = pivoted.account_id

)

select * from final
