-- Reference: the engagement score and band per customer at every as-of date the
-- build scores (the current date T and the month ends of the history), in one
-- DuckDB statement over the raw tables (raw_crm, raw_support, raw_survey,
-- raw_marketing, raw_product, as scripts/generate_data.py's scale presets write them).
--
-- Written independently of the dbt models, from docs/scoring.md and the registry
-- seed, to be (1) the speed yardstick of scripts/benchmark.py, written for speed,
-- and (2) a second computation of the maths. It does the same work as the build:
-- latest valid row per key, the 26 indicators with their recency decay relative to
-- each as-of date, normalization per date, composite score and band per date.
-- As-of dates: T is the latest date seen in the touchpoint tables; the history is
-- the last day of each of the 12 months before T's month (the defaults
-- engagement__history_grain month, engagement__history_periods 12; no
-- engagement__as_of_date). The population at a date is the accounts that were
-- customers on it (became a customer on or before it, not churned by it).
-- It deliberately simplifies:
--   * staging checks are the ones that matter for the score: required key and
--     timestamp, known enum, no future timestamp (24 h after the build time, not
--     after the as-of date), scores on their scale, references to accounts /
--     contacts / surveys that exist;
--   * a row's latest version stands at every as-of date (no history of edits to
--     a row); its dated events count from their own dates on (a case's CSAT from
--     its closing, an invitation as answered from its first answer, a no-show
--     30 days after registering);
--   * the registry and element weights are written in (the seed's defaults, no
--     overrides); band thresholds 70 / 40, none by segment; an indicator drops
--     out at a date when its scores (after the missing-data policy) do not vary
--     there; the cap on one indicator's share of a score
--     (engagement__max_indicator_share) is left out: it binds on no generated
--     set (benchmarks/RESULTS.md);
--   * segment and contract value are today's at every as-of date. The build takes
--     them from the CRM snapshot of the date, and before the first snapshot from
--     the earliest one (has_attributes_of_time false); on a freshly generated and
--     built warehouse the only snapshot is the first build's, i.e. today's CRM,
--     so the two agree (run_reference.py compare counts row_segments_agree). On a
--     warehouse whose snapshots have seen the CRM change, past rows may differ.
-- How it is fast (benchmarks/RESULTS.md, issue #29, records what each step saved):
--   * the two big event tables (usage, email) are deduplicated only where a key is
--     seen twice: a 64-bit hash of the key, counted, finds the candidates; only
--     their rows are ranked (a hash collision only ranks a few more rows);
--   * decay factorised across the as-of dates: with B the first as-of date on or
--     after a touchpoint's day d (its bucket), 0.5 ^ ((t - d) / h) =
--     0.5 ^ ((B - d) / h) × 0.5 ^ ((t - B) / h) for every as-of date t >= B. Each
--     table is read once into wide rows per (account, bucket), one column per
--     indicator's first factor (at most 13 rows per account, whatever the history's
--     length); one join of those rows to the as-of dates on or after their bucket,
--     times the second factor (a table of 13 × 13 × 7 numbers), gives every
--     indicator's decayed sum at every date. Equal in exact arithmetic to summing
--     per touchpoint; raw values are rounded to 9 decimals, as in the build, so ties
--     stay ties;
--   * wide per-customer rows to the end: normalization by window functions over
--     (as-of date, peer group) per indicator column, the 5th / 95th percentiles
--     grouped by as-of date, the composite as one expression per row; no long table.
-- Output: one row per (account_id, as_of_date): is_current (as_of_date = T),
-- segment, one column per indicator raw value (raw_<indicator>, for diagnosing
-- disagreements), engagement_score, band.
with

-- ---------------------------------------------------------------- staging
accounts_raw as (
    select
        account_id,
        case
            when segment is null then null
            when replace(replace(lower(trim(segment)), ' ', '_'), '-', '_') in ('enterprise', 'mid_market', 'smb')
                then replace(replace(lower(trim(segment)), ' ', '_'), '-', '_')
            else 'unknown'
        end as segment,
        customer_since as became_customer_on,
        churned_at as churned_on,
        cast(annual_contract_value as double) as annual_contract_value,
        updated_at
    from raw_crm.accounts
    where
        account_id is not null and account_name is not null and manager_id is not null
        and customer_since is not null
        and (updated_at is null or updated_at <= now()::timestamp + interval 24 hour)
    qualify row_number() over (partition by account_id order by updated_at desc nulls last) = 1
),

contacts as (
    select contact_id, account_id, job_title
    from raw_crm.contacts
    where contact_id is not null and account_id in (select account_id from accounts_raw)
    qualify row_number() over (partition by contact_id order by created_at desc) = 1
),

licenses as (
    select license_id, account_id, product_module, seats, starts_on, ends_on
    from raw_crm.licenses
    where license_id is not null and product_module is not null and starts_on is not null
        and (ends_on is null or ends_on >= starts_on)
        and account_id in (select account_id from accounts_raw)
    qualify row_number() over (partition by license_id order by starts_on desc) = 1
),

releases as (
    select distinct product_module, version, released_on
    from raw_crm.product_releases
    where product_module is not null and version is not null and released_on is not null
),

deployments as (
    select distinct account_id, product_module, version, reported_at
    from raw_crm.deployments
    where reported_at is not null and reported_at <= now()::timestamp + interval 24 hour
        and account_id in (select account_id from accounts_raw)
),

opportunities as (
    select
        opportunity_id,
        account_id,
        replace(replace(lower(trim(opportunity_type)), ' ', '_'), '-', '_') as opportunity_type,
        cast(amount as double) as amount,
        is_won,
        is_closed,
        created_at,
        closed_at
    from raw_crm.opportunities
    where opportunity_id is not null
        and replace(replace(lower(trim(opportunity_type)), ' ', '_'), '-', '_')
        in ('new_business', 'renewal', 'expansion', 'cross_sell')
        and account_id in (select account_id from accounts_raw)
    qualify row_number() over (partition by opportunity_id order by coalesce(closed_at, created_at) desc) = 1
),

activities as (
    select
        activity_id, account_id, contact_id,
        replace(replace(lower(trim(activity_type)), ' ', '_'), '-', '_') as activity_type,
        occurred_at
    from raw_crm.activities
    where activity_id is not null and occurred_at is not null
        and occurred_at <= now()::timestamp + interval 24 hour
        and replace(replace(lower(trim(activity_type)), ' ', '_'), '-', '_')
        in ('meeting', 'demo', 'trial', 'inquiry', 'business_review')
        and account_id in (select account_id from accounts_raw)
    qualify row_number() over (partition by activity_id order by occurred_at desc) = 1
),

wallet as (
    select account_id, cast(estimated_annual_spend as double) as estimated_annual_spend, estimated_on
    from raw_crm.wallet_estimates
    where estimated_on is not null and estimated_annual_spend >= 0 and account_id in (select account_id from accounts_raw)
),

cases as (
    select case_id, account_id, contact_id, opened_at, closed_at, is_escalated, csat_score
    from raw_support.cases
    where case_id is not null and opened_at is not null
        and (csat_score is null or csat_score between 1 and 5)
        and opened_at <= now()::timestamp + interval 24 hour
        and (closed_at is null or closed_at <= now()::timestamp + interval 24 hour)
        and account_id in (select account_id from accounts_raw)
    qualify row_number() over (partition by case_id order by coalesce(closed_at, opened_at) desc) = 1
),

surveys as (
    select survey_id, replace(replace(lower(trim(survey_type)), ' ', '_'), '-', '_') as survey_type
    from raw_survey.surveys
),

responses as (
    select
        r.response_id,
        coalesce(a.account_id, c.account_id) as account_id,
        r.invitation_id,
        r.contact_id,
        s.survey_type,
        r.score,
        cast(r.responded_at as date) as responded_on
    from raw_survey.responses as r
    inner join surveys as s on r.survey_id = s.survey_id
    inner join contacts as c on r.contact_id = c.contact_id
    left join accounts_raw as a on r.account_id = a.account_id
    where r.response_id is not null and r.responded_at is not null and r.score is not null
        and r.responded_at <= now()::timestamp + interval 24 hour
        and r.score between case s.survey_type when 'nps' then 0 else 1 end
        and case s.survey_type when 'nps' then 10 when 'csat' then 5 when 'ces' then 7 end
    qualify row_number() over (partition by r.response_id order by r.responded_at desc) = 1
),

invitations as (
    select
        i.invitation_id,
        coalesce(a.account_id, c.account_id) as account_id,
        cast(i.sent_at as date) as sent_on
    from raw_survey.invitations as i
    inner join contacts as c on i.contact_id = c.contact_id
    left join accounts_raw as a on i.account_id = a.account_id
    where i.invitation_id is not null and i.sent_at is not null
        and i.sent_at <= now()::timestamp + interval 24 hour
        and i.survey_id in (select survey_id from surveys)
    qualify row_number() over (partition by i.invitation_id order by i.sent_at desc) = 1
),

registrations as (
    select
        r.registration_id,
        c.account_id,
        r.contact_id,
        coalesce(r.attended, false) as has_attended,
        cast(r.registered_at as date) as registered_on,
        cast(coalesce(r.attended_at, r.registered_at) as date) as attended_on
    from raw_marketing.event_registrations as r
    inner join contacts as c on r.contact_id = c.contact_id
    where r.registration_id is not null and r.registered_at is not null
        and r.registered_at <= now()::timestamp + interval 24 hour
        and replace(replace(lower(trim(r.event_type)), ' ', '_'), '-', '_') in ('webinar', 'conference', 'user_group', 'training')
    qualify row_number() over (
        partition by r.registration_id order by coalesce(r.attended_at, r.registered_at) desc
    ) = 1
),

advocacy as (
    select account_id, contact_id, cast(occurred_at as date) as touched_on
    from raw_marketing.advocacy
    where advocacy_id is not null and occurred_at is not null
        and occurred_at <= now()::timestamp + interval 24 hour
        and replace(replace(lower(trim(advocacy_type)), ' ', '_'), '-', '_')
        in ('reference_call', 'case_study', 'review', 'referral', 'speaker', 'advisory_board')
        and account_id in (select account_id from accounts_raw)
    qualify row_number() over (partition by advocacy_id order by occurred_at desc) = 1
),

-- the big event tables: valid rows with a 64-bit hash of their key; the keys seen twice
-- (by hash: a collision only adds a few rows to rank); the latest version among those
email_valid as (
    select
        hash(email_event_id) as key_hash,
        email_event_id,
        contact_id,
        replace(replace(lower(trim(event_type)), ' ', '_'), '-', '_') as event_type,
        occurred_at
    from raw_marketing.email_events
    where email_event_id is not null and occurred_at is not null
        and occurred_at <= now()::timestamp + interval 24 hour
        and replace(replace(lower(trim(event_type)), ' ', '_'), '-', '_')
        in ('sent', 'delivered', 'open', 'click', 'bounce', 'unsubscribe')
),

email_repeated as (
    select key_hash from email_valid group by key_hash having count(*) > 1
),

email_events as (
    select c.account_id, e.event_type, cast(e.occurred_at as date) as occurred_on
    from (
        select e.contact_id, e.event_type, e.occurred_at
        from email_valid as e
        anti join email_repeated as r on e.key_hash = r.key_hash
        union all
        select e.contact_id, e.event_type, e.occurred_at
        from email_valid as e
        semi join email_repeated as r on e.key_hash = r.key_hash
        qualify row_number() over (partition by e.email_event_id order by e.occurred_at desc) = 1
    ) as e
    inner join contacts as c on e.contact_id = c.contact_id
),

usage_valid as not materialized (
    select
        hash(event_id) as key_hash,
        event_id, account_id, user_id,
        replace(replace(lower(trim(event_type)), ' ', '_'), '-', '_') as event_type,
        feature_name,
        occurred_at
    from raw_product.usage_events
    where event_id is not null and account_id is not null and occurred_at is not null
        and occurred_at <= now()::timestamp + interval 24 hour
        and replace(replace(lower(trim(event_type)), ' ', '_'), '-', '_') in ('login', 'feature_use')
        and account_id in (select account_id from accounts_raw)
),

usage_repeated as (
    select key_hash from usage_valid group by key_hash having count(*) > 1
),

usage_events as not materialized (
    select u.account_id, u.user_id, u.event_type, u.feature_name, cast(u.occurred_at as date) as occurred_on
    from usage_valid as u
    anti join usage_repeated as r on u.key_hash = r.key_hash
    union all
    select u.account_id, u.user_id, u.event_type, u.feature_name, cast(u.occurred_at as date)
    from usage_valid as u
    semi join usage_repeated as r on u.key_hash = r.key_hash
    qualify row_number() over (partition by u.event_id order by u.occurred_at desc) = 1
),

-- ---------------------------------------------------------------- as-of dates, population
-- T is the latest date seen in any touchpoint table; the history is the last day of
-- each of the 12 months before T's month (docs/scoring.md: the current date and the
-- month ends of the history). A day's bucket is the first as-of date on or after it.
latest_seen as (
    select
        max(d) as latest_on,
        cast(last_day(date_trunc('month', max(d)) - to_months(12)) as date) as earliest_month_end
    from (
        -- the latest valid row's day is also the latest version's: no need to deduplicate for it
        select max(cast(occurred_at as date)) as d from usage_valid
        union all select max(cast(occurred_at as date)) from email_valid
        union all select max(registered_on) from registrations
        union all select max(touched_on) from advocacy
        union all select max(cast(opened_at as date)) from cases
        union all select max(responded_on) from responses
        union all select max(sent_on) from invitations
        union all select max(cast(occurred_at as date)) from activities
        union all select max(cast(created_at as date)) from opportunities
        union all select max(cast(reported_at as date)) from deployments
    )
),

as_of_dates as (
    select latest_on as t, true as is_current from latest_seen
    union all
    select cast(last_day(date_trunc('month', latest_on) - to_months(months_back)) as date), false
    from latest_seen
    cross join range(1, 13) as months (months_back)
),

-- per bucket, the as-of date after it (a user's last activity in a bucket can fall in the
-- 30 days before the next as-of date too)
next_dates as (
    select t as bucket, lead(t) over (order by t) as next_t from as_of_dates
),

-- the second factor, 0.5 ^ ((t - B) / h), per bucket B, as-of date t >= B and half-life h
decay_factors as (
    select
        b.t as bucket,
        d.t,
        power(0.5, date_diff('day', b.t, d.t) / 30) as f30,
        power(0.5, date_diff('day', b.t, d.t) / 60) as f60,
        power(0.5, date_diff('day', b.t, d.t) / 90) as f90,
        power(0.5, date_diff('day', b.t, d.t) / 120) as f120,
        power(0.5, date_diff('day', b.t, d.t) / 180) as f180,
        power(0.5, date_diff('day', b.t, d.t) / 365) as f365,
        power(0.5, date_diff('day', b.t, d.t) / 730) as f730
    from as_of_dates as b
    inner join as_of_dates as d on b.t <= d.t
),

population as (
    select a.account_id, d.t, d.is_current, coalesce(a.segment, 'unknown') as segment,
        coalesce(a.annual_contract_value, 0) as acv, a.became_customer_on
    from accounts_raw as a
    inner join as_of_dates as d on d.t >= a.became_customer_on and (a.churned_on is null or d.t < a.churned_on)
),

-- ---------------------------------------------------------------- usage, one pass
-- One aggregation of the events per (account, user, feature, bucket) (logins have no
-- feature): the logins' first factor (half-life 30), the last login, the last use of the
-- feature, the user's last activity. The three summaries below group its rows further.
usage_buckets as (
    select
        account_id,
        user_id,
        feature_name,
        bucket,
        sum(power(0.5, date_diff('day', occurred_on, bucket) / 30)) filter (where event_type = 'login') as login_term,
        max(occurred_on) filter (where event_type = 'login') as last_login_on,
        max(occurred_on) filter (where event_type = 'feature_use') as last_used_on,
        max(occurred_on) as last_active_on
    from (
        select u.*, least(ls.latest_on, greatest(ls.earliest_month_end, last_day(u.occurred_on))) as bucket
        from usage_events as u
        cross join latest_seen as ls
    )
    group by account_id, user_id, feature_name, bucket
),

-- ---------------------------------------------------------------- touchpoints: wide rows per (account, bucket)
contact_touchpoints as (
    select account_id, contact_id, cast(occurred_at as date) as d from activities where contact_id is not null
    union all
    select account_id, contact_id, cast(opened_at as date) from cases where contact_id is not null
    union all
    select account_id, contact_id, responded_on from responses
    union all
    select account_id, contact_id, attended_on from registrations where has_attended
    union all
    select account_id, contact_id, touched_on from advocacy where contact_id is not null
),

-- every touchpoint as (account, day d, the day its value is known, one column per
-- indicator: its count c (1) and value v); summed per bucket below
touchpoints as (
    select account_id, responded_on as d,
        case when survey_type = 'nps' then 1 end as nps_c,
        case when survey_type = 'nps' then case when score >= 9 then 100 when score <= 6 then -100 else 0 end end
            as nps_v,
        case when survey_type = 'csat' then 1 end as csat_c,
        case when survey_type = 'csat' then score end as csat_v,
        case when survey_type = 'ces' then 1 end as ces_c,
        case when survey_type = 'ces' then score end as ces_v
    from responses
    union all by name
    select account_id, cast(coalesce(closed_at, opened_at) as date) as d, 1 as csat_c, csat_score as csat_v
    from cases where csat_score is not null
    union all by name
    select account_id, cast(opened_at as date) as d,
        case when is_escalated then 1 end as support_escalations_c, 1 as support_cases_opened_c
    from cases
    union all by name
    select account_id, cast(closed_at as date) as d,
        1 as support_resolution_days_c, date_diff('second', opened_at, closed_at) / 86400.0 as support_resolution_days_v
    from cases where closed_at is not null and closed_at >= opened_at
    union all by name
    select account_id, attended_on as d, 1 as event_attendance_c, 1 as event_no_show_rate_c, 0 as event_no_show_rate_v
    from registrations where has_attended
    union all by name
    select account_id, registered_on + 30 as d, 1 as event_no_show_rate_c, 1 as event_no_show_rate_v
    from registrations where not has_attended
    union all by name
    select account_id, touched_on as d, 1 as advocacy_c from advocacy
    union all by name
    select account_id, cast(occurred_at as date) as d,
        case when activity_type in ('meeting', 'business_review') then 1 end as meetings_and_reviews_c,
        case when activity_type in ('trial', 'demo', 'inquiry') then 1 end as trials_demos_inquiries_c
    from activities
    union all by name
    select account_id, cast(closed_at as date) as d,
        case when opportunity_type = 'renewal' and is_closed then 1 end as renewal_rate_c,
        case when opportunity_type = 'renewal' and is_closed then case when is_won then 1 else 0 end end
            as renewal_rate_v,
        case when opportunity_type in ('expansion', 'cross_sell') and is_won then 1 end as expansion_spend_c,
        case when opportunity_type in ('expansion', 'cross_sell') and is_won then coalesce(amount, 0) end
            as expansion_spend_v
    from opportunities where closed_at is not null
    union all by name
    select account_id, occurred_on as d,
        count(*) filter (where event_type = 'unsubscribe') as email_unsubscribes_c,
        count(*) filter (where event_type in ('open', 'click')) as email_opens_and_clicks_c,
        count(*) filter (where event_type = 'sent') as email_sends_c
    from email_events
    group by account_id, occurred_on
    union all by name
    select ct.account_id, ct.d, 1 as executive_engagement_c
    from contact_touchpoints as ct
    inner join contacts as c on ct.contact_id = c.contact_id
    where lower(trim(c.job_title)) in ('ceo', 'cfo', 'cio', 'cto', 'coo', 'cmo', 'cro', 'cdo', 'ciso', 'cpo')
        or lower(c.job_title) like '%chief %' or lower(c.job_title) like '%president%'
        or lower(c.job_title) like '%vp %' or lower(c.job_title) like 'head of %'
        or lower(c.job_title) like '%director%' or lower(c.job_title) like '%founder%'
    -- the one value that depends on the as-of date: an invitation counts as answered at
    -- t if its first answer came by t; its count from its day, its value from the answer's
    union all by name
    select i.account_id, i.sent_on as d, 1 as survey_response_rate_c
    from invitations as i
    union all by name
    select i.account_id, i.sent_on as d, greatest(i.sent_on, fa.answered_on) as known_on, 1 as survey_response_rate_v
    from invitations as i
    inner join (
        select invitation_id, min(responded_on) as answered_on from responses
        where invitation_id is not null group by invitation_id
    ) as fa on i.invitation_id = fa.invitation_id
),

-- first factors summed per (account, bucket of the day the row counts from); days after T
-- count at no as-of date (a no-show counts 30 days after registering)
touchpoint_buckets as (
    select
        tp.account_id,
        least(ls.latest_on, greatest(ls.earliest_month_end, last_day(coalesce(tp.known_on, tp.d)))) as bucket,
        sum(tp.nps_c * power(0.5, date_diff('day', tp.d, least(ls.latest_on, greatest(ls.earliest_month_end, last_day(coalesce(tp.known_on, tp.d))))) / 180)) as nps_c,
        sum(tp.nps_v * power(0.5, date_diff('day', tp.d, least(ls.latest_on, greatest(ls.earliest_month_end, last_day(coalesce(tp.known_on, tp.d))))) / 180)) as nps_v,
        sum(tp.csat_c * power(0.5, date_diff('day', tp.d, least(ls.latest_on, greatest(ls.earliest_month_end, last_day(coalesce(tp.known_on, tp.d))))) / 120)) as csat_c,
        sum(tp.csat_v * power(0.5, date_diff('day', tp.d, least(ls.latest_on, greatest(ls.earliest_month_end, last_day(coalesce(tp.known_on, tp.d))))) / 120)) as csat_v,
        sum(tp.ces_c * power(0.5, date_diff('day', tp.d, least(ls.latest_on, greatest(ls.earliest_month_end, last_day(coalesce(tp.known_on, tp.d))))) / 120)) as ces_c,
        sum(tp.ces_v * power(0.5, date_diff('day', tp.d, least(ls.latest_on, greatest(ls.earliest_month_end, last_day(coalesce(tp.known_on, tp.d))))) / 120)) as ces_v,
        sum(tp.support_escalations_c * power(0.5, date_diff('day', tp.d, least(ls.latest_on, greatest(ls.earliest_month_end, last_day(coalesce(tp.known_on, tp.d))))) / 90)) as support_escalations_c,
        sum(tp.support_cases_opened_c * power(0.5, date_diff('day', tp.d, least(ls.latest_on, greatest(ls.earliest_month_end, last_day(coalesce(tp.known_on, tp.d))))) / 90)) as support_cases_opened_c,
        sum(tp.survey_response_rate_c * power(0.5, date_diff('day', tp.d, least(ls.latest_on, greatest(ls.earliest_month_end, last_day(coalesce(tp.known_on, tp.d))))) / 180)) as survey_response_rate_c,
        sum(tp.survey_response_rate_v * power(0.5, date_diff('day', tp.d, least(ls.latest_on, greatest(ls.earliest_month_end, last_day(coalesce(tp.known_on, tp.d))))) / 180)) as survey_response_rate_v,
        sum(tp.event_attendance_c * power(0.5, date_diff('day', tp.d, least(ls.latest_on, greatest(ls.earliest_month_end, last_day(coalesce(tp.known_on, tp.d))))) / 120)) as event_attendance_c,
        sum(tp.advocacy_c * power(0.5, date_diff('day', tp.d, least(ls.latest_on, greatest(ls.earliest_month_end, last_day(coalesce(tp.known_on, tp.d))))) / 365)) as advocacy_c,
        sum(tp.meetings_and_reviews_c * power(0.5, date_diff('day', tp.d, least(ls.latest_on, greatest(ls.earliest_month_end, last_day(coalesce(tp.known_on, tp.d))))) / 90)) as meetings_and_reviews_c,
        sum(tp.renewal_rate_c * power(0.5, date_diff('day', tp.d, least(ls.latest_on, greatest(ls.earliest_month_end, last_day(coalesce(tp.known_on, tp.d))))) / 730)) as renewal_rate_c,
        sum(tp.renewal_rate_v * power(0.5, date_diff('day', tp.d, least(ls.latest_on, greatest(ls.earliest_month_end, last_day(coalesce(tp.known_on, tp.d))))) / 730)) as renewal_rate_v,
        sum(tp.expansion_spend_c * power(0.5, date_diff('day', tp.d, least(ls.latest_on, greatest(ls.earliest_month_end, last_day(coalesce(tp.known_on, tp.d))))) / 365)) as expansion_spend_c,
        sum(tp.expansion_spend_v * power(0.5, date_diff('day', tp.d, least(ls.latest_on, greatest(ls.earliest_month_end, last_day(coalesce(tp.known_on, tp.d))))) / 365)) as expansion_spend_v,
        sum(tp.support_resolution_days_c * power(0.5, date_diff('day', tp.d, least(ls.latest_on, greatest(ls.earliest_month_end, last_day(coalesce(tp.known_on, tp.d))))) / 180)) as support_resolution_days_c,
        sum(tp.support_resolution_days_v * power(0.5, date_diff('day', tp.d, least(ls.latest_on, greatest(ls.earliest_month_end, last_day(coalesce(tp.known_on, tp.d))))) / 180)) as support_resolution_days_v,
        sum(tp.trials_demos_inquiries_c * power(0.5, date_diff('day', tp.d, least(ls.latest_on, greatest(ls.earliest_month_end, last_day(coalesce(tp.known_on, tp.d))))) / 90)) as trials_demos_inquiries_c,
        sum(tp.executive_engagement_c * power(0.5, date_diff('day', tp.d, least(ls.latest_on, greatest(ls.earliest_month_end, last_day(coalesce(tp.known_on, tp.d))))) / 120)) as executive_engagement_c,
        sum(tp.email_unsubscribes_c * power(0.5, date_diff('day', tp.d, least(ls.latest_on, greatest(ls.earliest_month_end, last_day(coalesce(tp.known_on, tp.d))))) / 180)) as email_unsubscribes_c,
        sum(tp.event_no_show_rate_c * power(0.5, date_diff('day', tp.d, least(ls.latest_on, greatest(ls.earliest_month_end, last_day(coalesce(tp.known_on, tp.d))))) / 180)) as event_no_show_rate_c,
        sum(tp.event_no_show_rate_v * power(0.5, date_diff('day', tp.d, least(ls.latest_on, greatest(ls.earliest_month_end, last_day(coalesce(tp.known_on, tp.d))))) / 180)) as event_no_show_rate_v,
        sum(tp.email_opens_and_clicks_c * power(0.5, date_diff('day', tp.d, least(ls.latest_on, greatest(ls.earliest_month_end, last_day(coalesce(tp.known_on, tp.d))))) / 60)) as email_opens_and_clicks_c,
        sum(tp.email_sends_c * power(0.5, date_diff('day', tp.d, least(ls.latest_on, greatest(ls.earliest_month_end, last_day(coalesce(tp.known_on, tp.d))))) / 60)) as email_sends_c
    from touchpoints as tp
    cross join latest_seen as ls
    where tp.d <= ls.latest_on
    group by all
),

bucket_terms as (
    select
        account_id,
        bucket,
        sum(columns(* exclude (account_id, bucket, last_login_on))),
        max(last_login_on) as last_login_on
    from (
        select * from touchpoint_buckets
        union all by name
        select account_id, bucket, sum(login_term) as logins_per_seat_c, max(last_login_on) as last_login_on
        from usage_buckets
        where last_login_on is not null
        group by account_id, bucket
    )
    group by account_id, bucket
),

-- every decayed sum at every as-of date: the buckets on or before it, times the second factor;
-- the last login on or before it
decayed as (
    select
        b.account_id,
        f.t,
        sum(b.logins_per_seat_c * f.f30) as logins_per_seat_wc,
        sum(b.nps_c * f.f180) as nps_wc,
        sum(b.nps_v * f.f180) as nps_wv,
        sum(b.csat_c * f.f120) as csat_wc,
        sum(b.csat_v * f.f120) as csat_wv,
        sum(b.ces_c * f.f120) as ces_wc,
        sum(b.ces_v * f.f120) as ces_wv,
        sum(b.support_escalations_c * f.f90) as support_escalations_wc,
        sum(b.support_cases_opened_c * f.f90) as support_cases_opened_wc,
        sum(b.survey_response_rate_c * f.f180) as survey_response_rate_wc,
        sum(b.survey_response_rate_v * f.f180) as survey_response_rate_wv,
        sum(b.event_attendance_c * f.f120) as event_attendance_wc,
        sum(b.advocacy_c * f.f365) as advocacy_wc,
        sum(b.meetings_and_reviews_c * f.f90) as meetings_and_reviews_wc,
        sum(b.renewal_rate_c * f.f730) as renewal_rate_wc,
        sum(b.renewal_rate_v * f.f730) as renewal_rate_wv,
        sum(b.expansion_spend_c * f.f365) as expansion_spend_wc,
        sum(b.expansion_spend_v * f.f365) as expansion_spend_wv,
        sum(b.support_resolution_days_c * f.f180) as support_resolution_days_wc,
        sum(b.support_resolution_days_v * f.f180) as support_resolution_days_wv,
        sum(b.trials_demos_inquiries_c * f.f90) as trials_demos_inquiries_wc,
        sum(b.executive_engagement_c * f.f120) as executive_engagement_wc,
        sum(b.email_unsubscribes_c * f.f180) as email_unsubscribes_wc,
        sum(b.event_no_show_rate_c * f.f180) as event_no_show_rate_wc,
        sum(b.event_no_show_rate_v * f.f180) as event_no_show_rate_wv,
        sum(b.email_opens_and_clicks_c * f.f60) as email_opens_and_clicks_wc,
        sum(b.email_sends_c * f.f60) as email_sends_wc,
        max(b.last_login_on) as last_login_on
    from bucket_terms as b
    inner join decay_factors as f on b.bucket = f.bucket
    group by b.account_id, f.t
),

-- the last use of each feature on or before each as-of date: the latest bucket on or
-- before it holds it (an asof join)
feature_uses as (
    select account_id, feature_name, bucket, max(last_used_on) as last_used_on
    from usage_buckets
    where feature_name is not null and last_used_on is not null
    group by account_id, feature_name, bucket
),

feature_breadth as (
    select k.account_id, d.t, sum(power(0.5, date_diff('day', u.last_used_on, d.t) / 60)) as weighted_features
    from (select distinct account_id, feature_name from feature_uses) as k
    cross join as_of_dates as d
    asof inner join feature_uses as u
        on k.account_id = u.account_id and k.feature_name = u.feature_name and d.t >= u.bucket
    group by k.account_id, d.t
),

-- a user is active at t when they were active in (t - 30, t]: in t's bucket or the one
-- before (as-of dates are a month apart, so no earlier one reaches that window)
active_users as (
    select account_id, t, count(distinct user_id) as active_users
    from (
        select u.account_id, u.user_id, u.last_active_on, unnest([u.bucket, n.next_t]) as t
        from (
            select account_id, user_id, bucket, max(last_active_on) as last_active_on
            from usage_buckets
            where user_id is not null
            group by account_id, user_id, bucket
        ) as u
        inner join next_dates as n on u.bucket = n.bucket
    )
    where last_active_on > t - 30
    group by account_id, t
),

seats as (
    select l.account_id, d.t, max(l.seats) as seats, count(distinct l.product_module) as modules
    from licenses as l
    inner join as_of_dates as d on d.t >= l.starts_on and (l.ends_on is null or d.t <= l.ends_on)
    group by l.account_id, d.t
),

catalogue as (
    select d.t, count(distinct r.product_module) as modules
    from as_of_dates as d
    left join releases as r on r.released_on <= d.t
    group by d.t
),

version_currency as (
    select account_id, t, avg(behind) as releases_behind
    from (
        select cur.account_id, cur.product_module, cur.t,
            count(newer.version) as behind
        from (
            -- the version of the latest report on or before t (the larger one on a tie)
            select k.account_id, k.product_module, d.t, r.version
            from (select distinct account_id, product_module from deployments) as k
            cross join as_of_dates as d
            asof inner join (
                select account_id, product_module, reported_at, max(version) as version
                from deployments
                group by account_id, product_module, reported_at
            ) as r
                on k.account_id = r.account_id and k.product_module = r.product_module
                and d.t + interval 1 day > r.reported_at
        ) as cur
        inner join releases as rel on cur.product_module = rel.product_module and cur.version = rel.version
        left join releases as newer
            on cur.product_module = newer.product_module
            and rel.released_on < newer.released_on
            and newer.released_on <= cur.t
        group by cur.account_id, cur.product_module, cur.t
    )
    group by account_id, t
),

latest_wallet as (
    select k.account_id, d.t, w.estimated_annual_spend
    from (select distinct account_id from wallet) as k
    cross join as_of_dates as d
    asof inner join wallet as w on k.account_id = w.account_id and d.t >= w.estimated_on
),

contact_breadth as (
    select ct.account_id, d.t, count(distinct ct.contact_id) as contacts
    from contact_touchpoints as ct
    inner join as_of_dates as d on ct.d <= d.t and ct.d > d.t - 90
    group by ct.account_id, d.t
),

-- ---------------------------------------------------------------- raw values, one column each
raw_values as (
    select
        p.account_id,
        p.t as as_of_date,
        p.is_current,
        p.segment,
        round(coalesce(s.modules, 0) / nullif(cat.modules, 0)::double, 9) as raw_modules_licensed,
        round(vc.releases_behind, 9) as raw_version_currency,
        round(coalesce(w.logins_per_seat_wc, 0) / nullif(s.seats, 0), 9) as raw_logins_per_seat,
        round(coalesce(fb.weighted_features, 0), 9) as raw_feature_breadth,
        round(w.nps_wv / nullif(w.nps_wc, 0), 9) as raw_nps,
        round(w.csat_wv / nullif(w.csat_wc, 0), 9) as raw_csat,
        round(w.ces_wv / nullif(w.ces_wc, 0), 9) as raw_ces,
        round(coalesce(w.support_escalations_wc, 0), 9) as raw_support_escalations,
        round(coalesce(w.support_cases_opened_wc, 0), 9) as raw_support_cases_opened,
        round(coalesce(w.survey_response_rate_wv, 0) / nullif(w.survey_response_rate_wc, 0), 9)
            as raw_survey_response_rate,
        round(coalesce(w.event_attendance_wc, 0), 9) as raw_event_attendance,
        round(coalesce(w.email_opens_and_clicks_wc, 0) / nullif(w.email_sends_wc, 0), 9) as raw_email_engagement,
        round(coalesce(w.advocacy_wc, 0), 9) as raw_advocacy,
        round(coalesce(w.meetings_and_reviews_wc, 0), 9) as raw_meetings_and_reviews,
        round(date_diff('day', p.became_customer_on, p.t) / 365.25, 9) as raw_tenure_years,
        round(coalesce(w.renewal_rate_wv, 0) / nullif(w.renewal_rate_wc, 0), 9) as raw_renewal_rate,
        round(coalesce(w.expansion_spend_wv / nullif(p.acv, 0), 0), 9) as raw_expansion_spend,
        round(p.acv / nullif(lw.estimated_annual_spend, 0), 9) as raw_share_of_wallet,
        round(coalesce(au.active_users, 0) / nullif(s.seats, 0)::double, 9) as raw_active_user_ratio,
        date_diff('day', w.last_login_on, p.t)::double as raw_days_since_last_login,
        round(w.support_resolution_days_wv / nullif(w.support_resolution_days_wc, 0), 9)
            as raw_support_resolution_days,
        round(coalesce(w.trials_demos_inquiries_wc, 0), 9) as raw_trials_demos_inquiries,
        coalesce(cb.contacts, 0)::double as raw_contact_breadth,
        round(coalesce(w.executive_engagement_wc, 0), 9) as raw_executive_engagement,
        round(coalesce(w.email_unsubscribes_wc, 0), 9) as raw_email_unsubscribes,
        round(w.event_no_show_rate_wv / nullif(w.event_no_show_rate_wc, 0), 9) as raw_event_no_show_rate
    from population as p
    inner join catalogue as cat on p.t = cat.t
    left join seats as s on p.account_id = s.account_id and p.t = s.t
    left join version_currency as vc on p.account_id = vc.account_id and p.t = vc.t
    left join decayed as w on p.account_id = w.account_id and p.t = w.t
    left join feature_breadth as fb on p.account_id = fb.account_id and p.t = fb.t
    left join latest_wallet as lw on p.account_id = lw.account_id and p.t = lw.t
    left join active_users as au on p.account_id = au.account_id and p.t = au.t
    left join contact_breadth as cb on p.account_id = cb.account_id and p.t = cb.t
),

-- ---------------------------------------------------------------- normalization, composite, band (per as-of date)
-- the 5th / 95th percentiles of the min_max indicators (none of them by peer group)
min_max_stats as (
    select
        as_of_date,
        min(raw_feature_breadth) as feature_breadth_min, max(raw_feature_breadth) as feature_breadth_max,
        round(quantile_cont(raw_feature_breadth, 0.05), 9) as feature_breadth_p05, round(quantile_cont(raw_feature_breadth, 0.95), 9) as feature_breadth_p95,
        min(raw_nps) as nps_min, max(raw_nps) as nps_max,
        round(quantile_cont(raw_nps, 0.05), 9) as nps_p05, round(quantile_cont(raw_nps, 0.95), 9) as nps_p95,
        min(raw_support_escalations) as support_escalations_min, max(raw_support_escalations) as support_escalations_max,
        round(quantile_cont(raw_support_escalations, 0.05), 9) as support_escalations_p05, round(quantile_cont(raw_support_escalations, 0.95), 9) as support_escalations_p95,
        min(raw_email_engagement) as email_engagement_min, max(raw_email_engagement) as email_engagement_max,
        round(quantile_cont(raw_email_engagement, 0.05), 9) as email_engagement_p05, round(quantile_cont(raw_email_engagement, 0.95), 9) as email_engagement_p95,
        min(raw_expansion_spend) as expansion_spend_min, max(raw_expansion_spend) as expansion_spend_max,
        round(quantile_cont(raw_expansion_spend, 0.05), 9) as expansion_spend_p05, round(quantile_cont(raw_expansion_spend, 0.95), 9) as expansion_spend_p95,
        min(raw_support_resolution_days) as support_resolution_days_min, max(raw_support_resolution_days) as support_resolution_days_max,
        round(quantile_cont(raw_support_resolution_days, 0.05), 9) as support_resolution_days_p05, round(quantile_cont(raw_support_resolution_days, 0.95), 9) as support_resolution_days_p95
    from raw_values
    group by as_of_date
),

-- each indicator's score after the missing-data policy (own_level: no value is a level
-- of its own, scored 0; exclude: null): percentile ranks among the customers with a value
-- in the peer group (ties share the lower rank), min_max between the percentiles, target
-- clamped; lower_is_better flipped
policy_scored as (
    select
        r.*,
        case when raw_modules_licensed is null then 0 else case when min(raw_modules_licensed) over (partition by r.as_of_date, raw_modules_licensed is null) = max(raw_modules_licensed) over (partition by r.as_of_date, raw_modules_licensed is null) then 50 else 100 * percent_rank() over (partition by r.as_of_date, raw_modules_licensed is null order by raw_modules_licensed) end end as s_modules_licensed,
        case when raw_version_currency is null then null else 100 - (greatest(0, least(100, 100 * raw_version_currency / 6))) end as s_version_currency,
        case when raw_logins_per_seat is null then 0 else case when min(raw_logins_per_seat) over (partition by r.as_of_date, segment, raw_logins_per_seat is null) = max(raw_logins_per_seat) over (partition by r.as_of_date, segment, raw_logins_per_seat is null) then 50 else 100 * percent_rank() over (partition by r.as_of_date, segment, raw_logins_per_seat is null order by raw_logins_per_seat) end end as s_logins_per_seat,
        case when raw_feature_breadth is null then 0 else case when g.feature_breadth_min = g.feature_breadth_max then 50 when g.feature_breadth_p95 = g.feature_breadth_p05 then case when raw_feature_breadth > g.feature_breadth_p95 then 100 when raw_feature_breadth < g.feature_breadth_p05 then 0 else 50 end else greatest(0, least(100, 100 * (raw_feature_breadth - g.feature_breadth_p05) / (g.feature_breadth_p95 - g.feature_breadth_p05))) end end as s_feature_breadth,
        case when raw_nps is null then null else case when g.nps_min = g.nps_max then 50 when g.nps_p95 = g.nps_p05 then case when raw_nps > g.nps_p95 then 100 when raw_nps < g.nps_p05 then 0 else 50 end else greatest(0, least(100, 100 * (raw_nps - g.nps_p05) / (g.nps_p95 - g.nps_p05))) end end as s_nps,
        case when raw_csat is null then null else greatest(0, least(100, 100 * raw_csat / 5)) end as s_csat,
        case when raw_ces is null then null else greatest(0, least(100, 100 * raw_ces / 7)) end as s_ces,
        case when raw_support_escalations is null then 0 else 100 - (case when g.support_escalations_min = g.support_escalations_max then 50 when g.support_escalations_p95 = g.support_escalations_p05 then case when raw_support_escalations > g.support_escalations_p95 then 100 when raw_support_escalations < g.support_escalations_p05 then 0 else 50 end else greatest(0, least(100, 100 * (raw_support_escalations - g.support_escalations_p05) / (g.support_escalations_p95 - g.support_escalations_p05))) end) end as s_support_escalations,
        case when raw_support_cases_opened is null then 0 else case when min(raw_support_cases_opened) over (partition by r.as_of_date, segment, raw_support_cases_opened is null) = max(raw_support_cases_opened) over (partition by r.as_of_date, segment, raw_support_cases_opened is null) then 50 else 100 * percent_rank() over (partition by r.as_of_date, segment, raw_support_cases_opened is null order by raw_support_cases_opened) end end as s_support_cases_opened,
        case when raw_survey_response_rate is null then null else greatest(0, least(100, 100 * raw_survey_response_rate / 0.6)) end as s_survey_response_rate,
        case when raw_event_attendance is null then 0 else case when min(raw_event_attendance) over (partition by r.as_of_date, raw_event_attendance is null) = max(raw_event_attendance) over (partition by r.as_of_date, raw_event_attendance is null) then 50 else 100 * percent_rank() over (partition by r.as_of_date, raw_event_attendance is null order by raw_event_attendance) end end as s_event_attendance,
        case when raw_email_engagement is null then null else case when g.email_engagement_min = g.email_engagement_max then 50 when g.email_engagement_p95 = g.email_engagement_p05 then case when raw_email_engagement > g.email_engagement_p95 then 100 when raw_email_engagement < g.email_engagement_p05 then 0 else 50 end else greatest(0, least(100, 100 * (raw_email_engagement - g.email_engagement_p05) / (g.email_engagement_p95 - g.email_engagement_p05))) end end as s_email_engagement,
        case when raw_advocacy is null then 0 else greatest(0, least(100, 100 * raw_advocacy / 2)) end as s_advocacy,
        case when raw_meetings_and_reviews is null then 0 else case when min(raw_meetings_and_reviews) over (partition by r.as_of_date, segment, raw_meetings_and_reviews is null) = max(raw_meetings_and_reviews) over (partition by r.as_of_date, segment, raw_meetings_and_reviews is null) then 50 else 100 * percent_rank() over (partition by r.as_of_date, segment, raw_meetings_and_reviews is null order by raw_meetings_and_reviews) end end as s_meetings_and_reviews,
        case when raw_tenure_years is null then 0 else greatest(0, least(100, 100 * raw_tenure_years / 5)) end as s_tenure_years,
        case when raw_renewal_rate is null then 0 else greatest(0, least(100, 100 * raw_renewal_rate / 1)) end as s_renewal_rate,
        case when raw_expansion_spend is null then 0 else case when g.expansion_spend_min = g.expansion_spend_max then 50 when g.expansion_spend_p95 = g.expansion_spend_p05 then case when raw_expansion_spend > g.expansion_spend_p95 then 100 when raw_expansion_spend < g.expansion_spend_p05 then 0 else 50 end else greatest(0, least(100, 100 * (raw_expansion_spend - g.expansion_spend_p05) / (g.expansion_spend_p95 - g.expansion_spend_p05))) end end as s_expansion_spend,
        case when raw_share_of_wallet is null then null else greatest(0, least(100, 100 * raw_share_of_wallet / 0.8)) end as s_share_of_wallet,
        case when raw_active_user_ratio is null then null else case when min(raw_active_user_ratio) over (partition by r.as_of_date, segment, raw_active_user_ratio is null) = max(raw_active_user_ratio) over (partition by r.as_of_date, segment, raw_active_user_ratio is null) then 50 else 100 * percent_rank() over (partition by r.as_of_date, segment, raw_active_user_ratio is null order by raw_active_user_ratio) end end as s_active_user_ratio,
        case when raw_days_since_last_login is null then 0 else 100 - (greatest(0, least(100, 100 * raw_days_since_last_login / 30))) end as s_days_since_last_login,
        case when raw_support_resolution_days is null then null else 100 - (case when g.support_resolution_days_min = g.support_resolution_days_max then 50 when g.support_resolution_days_p95 = g.support_resolution_days_p05 then case when raw_support_resolution_days > g.support_resolution_days_p95 then 100 when raw_support_resolution_days < g.support_resolution_days_p05 then 0 else 50 end else greatest(0, least(100, 100 * (raw_support_resolution_days - g.support_resolution_days_p05) / (g.support_resolution_days_p95 - g.support_resolution_days_p05))) end) end as s_support_resolution_days,
        case when raw_trials_demos_inquiries is null then 0 else case when min(raw_trials_demos_inquiries) over (partition by r.as_of_date, raw_trials_demos_inquiries is null) = max(raw_trials_demos_inquiries) over (partition by r.as_of_date, raw_trials_demos_inquiries is null) then 50 else 100 * percent_rank() over (partition by r.as_of_date, raw_trials_demos_inquiries is null order by raw_trials_demos_inquiries) end end as s_trials_demos_inquiries,
        case when raw_contact_breadth is null then 0 else case when min(raw_contact_breadth) over (partition by r.as_of_date, segment, raw_contact_breadth is null) = max(raw_contact_breadth) over (partition by r.as_of_date, segment, raw_contact_breadth is null) then 50 else 100 * percent_rank() over (partition by r.as_of_date, segment, raw_contact_breadth is null order by raw_contact_breadth) end end as s_contact_breadth,
        case when raw_executive_engagement is null then 0 else case when min(raw_executive_engagement) over (partition by r.as_of_date, segment, raw_executive_engagement is null) = max(raw_executive_engagement) over (partition by r.as_of_date, segment, raw_executive_engagement is null) then 50 else 100 * percent_rank() over (partition by r.as_of_date, segment, raw_executive_engagement is null order by raw_executive_engagement) end end as s_executive_engagement,
        case when raw_email_unsubscribes is null then 0 else 100 - (greatest(0, least(100, 100 * raw_email_unsubscribes / 2))) end as s_email_unsubscribes,
        case when raw_event_no_show_rate is null then null else 100 - (greatest(0, least(100, 100 * raw_event_no_show_rate / 1))) end as s_event_no_show_rate
    from raw_values as r
    inner join min_max_stats as g on r.as_of_date = g.as_of_date
),

-- information is judged on the scored value: an indicator whose scores (after the policy)
-- do not vary across customers at a date drops out for everyone there
health as (
    select
        as_of_date,
        count(distinct round(s_modules_licensed, 6)) > 1 as h_modules_licensed,
        count(distinct round(s_version_currency, 6)) > 1 as h_version_currency,
        count(distinct round(s_logins_per_seat, 6)) > 1 as h_logins_per_seat,
        count(distinct round(s_feature_breadth, 6)) > 1 as h_feature_breadth,
        count(distinct round(s_nps, 6)) > 1 as h_nps,
        count(distinct round(s_csat, 6)) > 1 as h_csat,
        count(distinct round(s_ces, 6)) > 1 as h_ces,
        count(distinct round(s_support_escalations, 6)) > 1 as h_support_escalations,
        count(distinct round(s_support_cases_opened, 6)) > 1 as h_support_cases_opened,
        count(distinct round(s_survey_response_rate, 6)) > 1 as h_survey_response_rate,
        count(distinct round(s_event_attendance, 6)) > 1 as h_event_attendance,
        count(distinct round(s_email_engagement, 6)) > 1 as h_email_engagement,
        count(distinct round(s_advocacy, 6)) > 1 as h_advocacy,
        count(distinct round(s_meetings_and_reviews, 6)) > 1 as h_meetings_and_reviews,
        count(distinct round(s_tenure_years, 6)) > 1 as h_tenure_years,
        count(distinct round(s_renewal_rate, 6)) > 1 as h_renewal_rate,
        count(distinct round(s_expansion_spend, 6)) > 1 as h_expansion_spend,
        count(distinct round(s_share_of_wallet, 6)) > 1 as h_share_of_wallet,
        count(distinct round(s_active_user_ratio, 6)) > 1 as h_active_user_ratio,
        count(distinct round(s_days_since_last_login, 6)) > 1 as h_days_since_last_login,
        count(distinct round(s_support_resolution_days, 6)) > 1 as h_support_resolution_days,
        count(distinct round(s_trials_demos_inquiries, 6)) > 1 as h_trials_demos_inquiries,
        count(distinct round(s_contact_breadth, 6)) > 1 as h_contact_breadth,
        count(distinct round(s_executive_engagement, 6)) > 1 as h_executive_engagement,
        count(distinct round(s_email_unsubscribes, 6)) > 1 as h_email_unsubscribes,
        count(distinct round(s_event_no_show_rate, 6)) > 1 as h_event_no_show_rate
    from policy_scored
    group by as_of_date
),

-- per element, the weight of the indicators included (carrying information, and with a
-- value unless the policy is exclude) and their weighted scores
element_sums as (
    select
        p.*,
        case when h.h_modules_licensed then 1.0 else 0 end + case when h.h_version_currency and raw_version_currency is not null then 0.5 else 0 end + case when h.h_logins_per_seat then 1.5 else 0 end + case when h.h_feature_breadth then 1.0 else 0 end + case when h.h_active_user_ratio and raw_active_user_ratio is not null then 1.0 else 0 end + case when h.h_days_since_last_login then 0.5 else 0 end
            as product_usage_iw,
        case when h.h_modules_licensed then 1.0 * s_modules_licensed else 0 end + case when h.h_version_currency and raw_version_currency is not null then 0.5 * s_version_currency else 0 end + case when h.h_logins_per_seat then 1.5 * s_logins_per_seat else 0 end + case when h.h_feature_breadth then 1.0 * s_feature_breadth else 0 end + case when h.h_active_user_ratio and raw_active_user_ratio is not null then 1.0 * s_active_user_ratio else 0 end + case when h.h_days_since_last_login then 0.5 * s_days_since_last_login else 0 end
            as product_usage_ws,
        case when h.h_nps and raw_nps is not null then 1.5 else 0 end + case when h.h_csat and raw_csat is not null then 1.0 else 0 end + case when h.h_ces and raw_ces is not null then 0.5 else 0 end + case when h.h_support_escalations then 1.0 else 0 end + case when h.h_support_resolution_days and raw_support_resolution_days is not null then 0.5 else 0 end
            as sentiment_iw,
        case when h.h_nps and raw_nps is not null then 1.5 * s_nps else 0 end + case when h.h_csat and raw_csat is not null then 1.0 * s_csat else 0 end + case when h.h_ces and raw_ces is not null then 0.5 * s_ces else 0 end + case when h.h_support_escalations then 1.0 * s_support_escalations else 0 end + case when h.h_support_resolution_days and raw_support_resolution_days is not null then 0.5 * s_support_resolution_days else 0 end
            as sentiment_ws,
        case when h.h_support_cases_opened then 0.5 else 0 end + case when h.h_survey_response_rate and raw_survey_response_rate is not null then 1.0 else 0 end + case when h.h_event_attendance then 1.0 else 0 end + case when h.h_email_engagement and raw_email_engagement is not null then 0.5 else 0 end + case when h.h_advocacy then 1.0 else 0 end + case when h.h_meetings_and_reviews then 1.0 else 0 end + case when h.h_trials_demos_inquiries then 0.5 else 0 end + case when h.h_contact_breadth then 1.0 else 0 end + case when h.h_executive_engagement then 1.0 else 0 end + case when h.h_email_unsubscribes then 0.5 else 0 end + case when h.h_event_no_show_rate and raw_event_no_show_rate is not null then 0.5 else 0 end
            as involvement_iw,
        case when h.h_support_cases_opened then 0.5 * s_support_cases_opened else 0 end + case when h.h_survey_response_rate and raw_survey_response_rate is not null then 1.0 * s_survey_response_rate else 0 end + case when h.h_event_attendance then 1.0 * s_event_attendance else 0 end + case when h.h_email_engagement and raw_email_engagement is not null then 0.5 * s_email_engagement else 0 end + case when h.h_advocacy then 1.0 * s_advocacy else 0 end + case when h.h_meetings_and_reviews then 1.0 * s_meetings_and_reviews else 0 end + case when h.h_trials_demos_inquiries then 0.5 * s_trials_demos_inquiries else 0 end + case when h.h_contact_breadth then 1.0 * s_contact_breadth else 0 end + case when h.h_executive_engagement then 1.0 * s_executive_engagement else 0 end + case when h.h_email_unsubscribes then 0.5 * s_email_unsubscribes else 0 end + case when h.h_event_no_show_rate and raw_event_no_show_rate is not null then 0.5 * s_event_no_show_rate else 0 end
            as involvement_ws,
        case when h.h_tenure_years then 0.5 else 0 end + case when h.h_renewal_rate then 1.5 else 0 end + case when h.h_expansion_spend then 1.0 else 0 end + case when h.h_share_of_wallet and raw_share_of_wallet is not null then 1.0 else 0 end
            as competitive_status_iw,
        case when h.h_tenure_years then 0.5 * s_tenure_years else 0 end + case when h.h_renewal_rate then 1.5 * s_renewal_rate else 0 end + case when h.h_expansion_spend then 1.0 * s_expansion_spend else 0 end + case when h.h_share_of_wallet and raw_share_of_wallet is not null then 1.0 * s_share_of_wallet else 0 end
            as competitive_status_ws
    from policy_scored as p
    inner join health as h on p.as_of_date = h.as_of_date
),

composite as (
    select
        account_id,
        as_of_date,
        is_current,
        segment,
        columns('^raw_'),
        greatest(0, least(100,
            (case when product_usage_iw > 0 then 0.35 * product_usage_ws / product_usage_iw else 0 end + case when sentiment_iw > 0 then 0.25 * sentiment_ws / sentiment_iw else 0 end + case when involvement_iw > 0 then 0.2 * involvement_ws / involvement_iw else 0 end + case when competitive_status_iw > 0 then 0.2 * competitive_status_ws / competitive_status_iw else 0 end)
            / nullif(case when product_usage_iw > 0 then 0.35 else 0 end + case when sentiment_iw > 0 then 0.25 else 0 end + case when involvement_iw > 0 then 0.2 else 0 end + case when competitive_status_iw > 0 then 0.2 else 0 end, 0)
        )) as engagement_score
    from element_sums
)

select
    *,
    case
        when round(engagement_score, 9) >= 70 then 'engaged'
        when round(engagement_score, 9) >= 40 then 'at_risk'
        when engagement_score is not null then 'disengaged'
    end as band
from composite
