-- The manual override in force per customer and as-of date d: a valid override
-- row (int_manual_overrides_checked) with set_on <= d < expires_on; when several
-- are, the latest set_on wins (then the latest expires_on, then the first by
-- band, score, set_by and reason). An override given as a score takes the band
-- that score falls in (the customer's segment's thresholds).
-- Overrides never touch the computed score: they sit beside it.
with checked as (

    select * from {{ ref('int_manual_overrides_checked') }}
    where is_valid

),

population as (

    select * from {{ ref('int_scoring_population') }}

),

candidates as (

    select
        population.as_of_date,
        population.account_id,
        population.segment,
        checked.override_row_number,
        checked.override_band,
        checked.override_score,
        checked.override_reason,
        checked.override_set_by,
        checked.override_set_on,
        checked.override_expires_on,
        row_number() over (
            partition by population.as_of_date, population.account_id
            order by
                checked.override_set_on desc nulls last,
                checked.override_expires_on desc nulls last,
                checked.override_band asc nulls last,
                checked.override_score asc nulls last,
                checked.override_set_by asc nulls last,
                checked.override_reason asc nulls last,
                checked.override_row_number asc nulls last
        ) as precedence
    from population
    inner join checked
        on
            population.account_id = checked.account_id
            and (checked.override_set_on is null or population.as_of_date >= checked.override_set_on)
            and population.as_of_date < checked.override_expires_on

),

final as (

    select
        as_of_date,
        account_id,
        override_row_number,
        coalesce(
            override_band,
            case
                when override_score >= {{ band_threshold('segment', 'engaged') }} then 'engaged'
                when override_score >= {{ band_threshold('segment', 'at_risk') }} then 'at_risk'
                else 'disengaged'
            end
        ) as override_band,
        override_score,
        override_reason,
        override_set_by,
        override_set_on,
        override_expires_on
    from candidates
    where precedence = 1

)

select * from final
