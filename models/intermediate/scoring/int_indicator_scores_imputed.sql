-- Each indicator's raw value turned into a 0-100 score, as the registry says:
-- normalized among the customers scored at the same as-of date (within the
-- indicator's peer group, if any), flipped when lower is better, and the
-- missing-data policy applied to customers without a value:
--   exclude    no score (left out of the means);
--   zero       0 (no activity is a real observation);
--   neutral    50;
--   own_level  0, and the absence counts as an observation: presence itself is
--              the signal (no renewal history at all is its own, lowest level).
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

    select
        as_of_date,
        indicator,
        peer_group_value,
        min(raw_value) as min_value,
        max(raw_value) as max_value,
        -- rounded like the raw values, so comparisons with them agree on every engine
        {{ stable_value(percentile_cont_agg('raw_value', 0.05)) }} as p05_value,
        {{ stable_value(percentile_cont_agg('raw_value', 0.95)) }} as p95_value
    from grouped
    where raw_value is not null
    group by as_of_date, indicator, peer_group_value

),

ranked as (

    -- the rank among the customers with a value (those without one are a partition
    -- of their own, never read): a window on every row, not a join back
    select
        *,
        percent_rank() over (
            partition by as_of_date, indicator, peer_group_value, raw_value is null
            order by raw_value
        ) as percent_rank_value
    from grouped

),

normalized as (

    select
        ranked.*,
        -- the registry's normalization (docs/scoring.md), against the comparison group;
        -- a constant indicator (every value equal) scores 50 whatever the method
        case ranked.normalization
            -- percentile among the group: 0 for the lowest, 100 for the highest;
            -- ties share the lower rank
            when 'percentile'
                then
                    case
                        when group_statistics.min_value = group_statistics.max_value then 50
                        else 100 * ranked.percent_rank_value
                    end
            -- scaled between the group's 5th and 95th percentile, clamped; when those
            -- coincide (most customers tie) a value above them scores 100, below 0, on them 50
            when 'min_max'
                then
                    case
                        when group_statistics.min_value = group_statistics.max_value then 50
                        when group_statistics.p95_value = group_statistics.p05_value
                            then
                                case
                                    when ranked.raw_value > group_statistics.p95_value then 100
                                    when ranked.raw_value < group_statistics.p05_value then 0
                                    else 50
                                end
                        else {{ clamp_0_100(
                            '100 * (ranked.raw_value - group_statistics.p05_value)'
                            ~ ' / (group_statistics.p95_value - group_statistics.p05_value)'
                        ) }}
                    end
            -- value / target * 100, clamped; a non-positive target is a configuration
            -- error the registry test catches
            when 'target' then {{ clamp_0_100('100 * ranked.raw_value / ranked.target') }}
        end as normalized_value
    from ranked
    left join group_statistics
        on
            ranked.as_of_date = group_statistics.as_of_date
            and ranked.indicator = group_statistics.indicator
            and ranked.peer_group_value = group_statistics.peer_group_value

),

final as (

    select
        {{ scored_indicator_columns() }},
        -- an observation: a value, or (own_level) the absence of one
        raw_value is not null or when_missing = 'own_level' as has_observation,
        raw_value is null and when_missing = 'exclude' as is_excluded_by_policy,
        cast(
            case
                -- lower_is_better flips the score
                when raw_value is not null and direction = 'lower_is_better' then 100 - normalized_value
                when raw_value is not null then normalized_value
                when when_missing in ('zero', 'own_level') then 0
                when when_missing = 'neutral' then 50
            end as {{ type_double() }}
        ) as imputed_score
    from normalized

)

select * from final
