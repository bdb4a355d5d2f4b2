-- Each indicator's raw value turned into a 0-100 score, as the registry says:
-- normalized among the customers scored at the same as-of date (within the
-- indicator's peer group, if any), flipped when lower is better, and the
-- missing-data policy applied to customers without a value:
--   exclude    no score (left out of the means);
--   zero       0 (no activity is a real observation);
--   neutral    50;
--   own_level  0, and the absence counts as an observation: presence itself is
--              the signal (no renewal history at all is its own, lowest level).
-- score_among_all_customers is the same score normalized among all the date's
-- customers, whatever the peer group: learnt weights use it instead of the peer
-- group's when the user's outcomes say it separates churners better
-- (int_indicator_weights_learnt); it equals imputed_score without a peer group.
-- This is the value the score would use. int_indicator_health judges on it
-- whether the indicator carries information at the date, and
-- int_indicator_scores_normalized drops out the ones that do not.
-- Raw values arrive rounded (macro stable_value), so customers equal in exact
-- arithmetic tie.
-- Stored, incremental by as-of date (issue #29): four models read it (the health
-- check, and through int_indicator_scores_normalized the registry weights and the
-- learnt weights), and as a view each of them recomputed the ranks and statistics
-- of every indicator value. A date is normalized among all its customers, so a run
-- recomputes its as-of dates whole.
{{ config(pre_hook="{{ delete_stale_as_of_dates(ref('int_scoring_as_of_dates')) }}", **incremental_by_as_of_date()) }}

with indicator_values as (

    select * from {{ ref('int_indicator_values_unioned') }}
    where {{ as_of_dates_to_refresh('as_of_date', ref('int_scoring_as_of_dates')) }}

),

registry as (

    select * from {{ ref('int_indicator_registry') }}

),

population as (

    select * from {{ ref('int_scoring_population') }}

),

grouped as (

    select
        indicator_values.*,
        registry.element,
        registry.behaviour,
        registry.direction,
        registry.weight,
        registry.element_weight,
        registry.normalization,
        registry.target,
        registry.when_missing,
        case registry.peer_group
            when 'segment' then population.segment
            when 'region' then population.region
            when 'industry' then population.industry
            else 'all'
        end as peer_group_value
    from indicator_values
    inner join registry
        on indicator_values.indicator = registry.indicator
    inner join population
        on
            indicator_values.as_of_date = population.as_of_date
            and indicator_values.account_id = population.account_id

),

group_statistics as (

    {{ raw_value_statistics('grouped', ['peer_group_value']) }}

),

all_customers_statistics as (

    {{ raw_value_statistics('grouped') }}

),

ranked as (

    -- the rank among the customers with a value (those without one are a partition
    -- of their own, never read): a window on every row, not a join back
    select
        *,
        percent_rank() over (
            partition by as_of_date, indicator, peer_group_value, raw_value is null
            order by raw_value
        ) as percent_rank_value,
        percent_rank() over (
            partition by as_of_date, indicator, raw_value is null
            order by raw_value
        ) as all_customers_percent_rank_value
    from grouped

),

normalized as (

    select
        ranked.*,
        {{ normalized_raw_value('ranked', 'group_statistics', 'ranked.percent_rank_value') }} as normalized_value,
        {{ normalized_raw_value('ranked', 'all_customers_statistics', 'ranked.all_customers_percent_rank_value') }}
            as all_customers_normalized_value
    from ranked
    left join group_statistics
        on
            ranked.as_of_date = group_statistics.as_of_date
            and ranked.indicator = group_statistics.indicator
            and ranked.peer_group_value = group_statistics.peer_group_value
    left join all_customers_statistics
        on
            ranked.as_of_date = all_customers_statistics.as_of_date
            and ranked.indicator = all_customers_statistics.indicator

),

final as (

    select
        {{ scored_indicator_columns() }},
        -- an observation: a value, or (own_level) the absence of one
        raw_value is not null or when_missing = 'own_level' as has_observation,
        raw_value is null and when_missing = 'exclude' as is_excluded_by_policy,
        {{ score_with_missing_data_policy('normalized_value') }} as imputed_score,
        {{ score_with_missing_data_policy('all_customers_normalized_value') }} as score_among_all_customers
    from normalized

)

select * from final
