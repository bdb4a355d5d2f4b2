-- Reference: the engagement score and band per customer at every as-of date the
-- build scores (the current date T and the month ends of the history), in one
-- DuckDB statement over the raw tables (raw_crm, raw_support, raw_survey,
-- raw_marketing, raw_product, as scripts/generate_data.py's scale presets write them).
--
-- Written independently of the dbt models, from docs/scoring.md and the registry
-- seed, to be (1) the speed yardstick of scripts/benchmark.py and (2) a second
-- computation of the maths. It does the same work as the build: latest valid row
-- per key, the 26 indicators with their recency decay relative to each as-of
-- date, normalization per date, composite score and band per date.
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
--     out at a date when it has fewer than two distinct values there (the build's
--     `no_input` status, an empty staging table, is not checked separately);
--   * segment and contract value are today's at every as-of date. The build takes
--     them from the CRM snapshot of the date, and before the first snapshot from
--     the earliest one (has_attributes_of_time false); on a freshly generated and
--     built warehouse the only snapshot is the first build's, i.e. today's CRM,
--     so the two agree (run_reference.py compare counts row_segments_agree). On a
--     warehouse whose snapshots have seen the CRM change, past rows may differ.
-- Decayed sums at the 13 dates: 0.5 ^ ((t - d) / h) = 0.5 ^ ((T - d) / h) × 2 ^ ((T - t) / h),
-- so each touchpoint's first factor is summed into the first as-of date on or after its
-- day (T for T's month, the month end for a month of the history, the earliest month
-- end for older days): at most 13 terms per indicator and account, whatever the history's
-- length. A running sum over those, read at each date with an asof join, times the
-- second factor, is the decayed sum at the date (the last use of a feature and the last
-- login likewise: the latest day per as-of date, then the latest on or before each date).
-- Equal in exact arithmetic to summing per touchpoint, so results can differ in the last
-- bits only (raw values are rounded to 9 decimals, as in the build, so ties stay ties).
-- Peer-group percentile ranks and 5th/95th percentiles come from counts per distinct
-- value (rows below it), not from window or quantile functions over every long value:
-- quantile_cont over the 27M long values of the large scale spilled past 40 GB at 4 GB.
-- Output: one row per (account_id, as_of_date): is_current (as_of_date = T),
-- segment, engagement_score, band, and one column per indicator raw value
-- (raw_<indicator>) for diagnosing disagreements.
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

email_events as (
    select c.account_id, e.event_type, cast(e.occurred_at as date) as occurred_on
    from (
        select
            email_event_id, contact_id,
            replace(replace(lower(trim(event_type)), ' ', '_'), '-', '_') as event_type,
            occurred_at
        from raw_marketing.email_events
        where email_event_id is not null and occurred_at is not null
            and occurred_at <= now()::timestamp + interval 24 hour
            and replace(replace(lower(trim(event_type)), ' ', '_'), '-', '_')
            in ('sent', 'delivered', 'open', 'click', 'bounce', 'unsubscribe')
        qualify row_number() over (partition by email_event_id order by occurred_at desc) = 1
    ) as e
    inner join contacts as c on e.contact_id = c.contact_id
),

-- usage is the big table, read once: its valid rows, and their latest version per event
-- (inlined where used, not materialized)
usage_valid as not materialized (
    select
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

usage_events as not materialized (
    select account_id, user_id, event_type, feature_name, cast(occurred_at as date) as occurred_on
    from usage_valid
    qualify row_number() over (partition by event_id order by occurred_at desc) = 1
),

-- ---------------------------------------------------------------- as-of dates, population
-- T is the latest date seen in any touchpoint table; the history is the last day of
-- each of the 12 months before T's month (docs/scoring.md: the current date and the
-- month ends of the history). Every later step is per (account, as-of date t).
latest_seen as (
    select
        max(d) as latest_on,
        cast(last_day(date_trunc('month', max(d)) - to_months(12)) as date) as earliest_month_end
    from (
        -- the latest valid row's day is also the latest version's: no need to deduplicate for it
        select max(cast(occurred_at as date)) as d from usage_valid
        union all select max(occurred_on) from email_events
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

population as (
    select a.account_id, d.t, d.is_current, coalesce(a.segment, 'unknown') as segment,
        coalesce(a.annual_contract_value, 0) as acv, a.became_customer_on
    from accounts_raw as a
    inner join as_of_dates as d on d.t >= a.became_customer_on and (a.churned_on is null or d.t < a.churned_on)
),

-- Usage in one pass, three summaries per bucket (the first as-of date on or after the day,
-- as for the touchpoints above), told apart by summary_level (grouping()):
--   3, per account: the logins' first decay factor (half-life 30) and the last login day;
--   1, per account and feature: the last day the feature was used;
--   2, per account and user: the last day the user was active (a login or a feature use).
usage_buckets as (
    select
        grouping(feature_name, user_id) as summary_level,
        account_id,
        feature_name,
        user_id,
        bucket,
        sum(login_decay) filter (where event_type = 'login') as login_term,
        max(occurred_on) filter (where event_type = 'login') as last_login_on,
        max(occurred_on) filter (where event_type = 'feature_use') as last_used_on,
        max(occurred_on) as last_active_on
    from (
        select
            u.*,
            least(ls.latest_on, greatest(ls.earliest_month_end, last_day(u.occurred_on))) as bucket,
            power(0.5, date_diff('day', u.occurred_on, ls.latest_on) / 30) as login_decay
        from usage_events as u
        cross join latest_seen as ls
    )
    group by grouping sets ((account_id, bucket), (account_id, feature_name, bucket), (account_id, user_id, bucket))
),

-- ---------------------------------------------------------------- touchpoints: (indicator, account, date, value)
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

touchpoints as (
    -- logins_per_seat comes from usage_buckets below (usage is summarised in one pass)
    select 'nps' as indicator, account_id, responded_on as d, case when score >= 9 then 100 when score <= 6 then -100 else 0 end as v
    from responses where survey_type = 'nps'
    union all
    select 'csat', account_id, cast(coalesce(closed_at, opened_at) as date), csat_score from cases where csat_score is not null
    union all
    select 'csat', account_id, responded_on, score from responses where survey_type = 'csat'
    union all
    select 'ces', account_id, responded_on, score from responses where survey_type = 'ces'
    union all
    select 'support_escalations', account_id, cast(opened_at as date), 1 from cases where is_escalated
    union all
    select 'support_cases_opened', account_id, cast(opened_at as date), 1 from cases
    union all
    select 'event_attendance', account_id, attended_on, 1 from registrations where has_attended
    union all
    select 'advocacy', account_id, touched_on, 1 from advocacy
    union all
    select 'meetings_and_reviews', account_id, cast(occurred_at as date), 1
    from activities where activity_type in ('meeting', 'business_review')
    union all
    select 'renewal_rate', account_id, cast(closed_at as date), case when is_won then 1 else 0 end
    from opportunities where opportunity_type = 'renewal' and is_closed and closed_at is not null
    union all
    select 'expansion_spend', account_id, cast(closed_at as date), coalesce(amount, 0)
    from opportunities where opportunity_type in ('expansion', 'cross_sell') and is_won and closed_at is not null
    union all
    select 'support_resolution_days', account_id, cast(closed_at as date), date_diff('second', opened_at, closed_at) / 86400.0
    from cases where closed_at is not null and closed_at >= opened_at
    union all
    select 'trials_demos_inquiries', account_id, cast(occurred_at as date), 1
    from activities where activity_type in ('trial', 'demo', 'inquiry')
    union all
    select 'email_unsubscribes', account_id, occurred_on, 1 from email_events where event_type = 'unsubscribe'
    union all
    select 'email_opens_and_clicks', account_id, occurred_on, 1 from email_events where event_type in ('open', 'click')
    union all
    select 'email_sends', account_id, occurred_on, 1 from email_events where event_type = 'sent'
    union all
    select 'event_no_show_rate', account_id,
        case when has_attended then attended_on else registered_on + 30 end,
        case when has_attended then 0 else 1 end
    from registrations
    union all
    select 'executive_engagement', ct.account_id, ct.d, 1
    from contact_touchpoints as ct
    inner join contacts as c on ct.contact_id = c.contact_id
    where lower(trim(c.job_title)) in ('ceo', 'cfo', 'cio', 'cto', 'coo', 'cmo', 'cro', 'cdo', 'ciso', 'cpo')
        or lower(c.job_title) like '%chief %' or lower(c.job_title) like '%president%'
        or lower(c.job_title) like '%vp %' or lower(c.job_title) like 'head of %'
        or lower(c.job_title) like '%director%' or lower(c.job_title) like '%founder%'
    -- the one value that depends on the as-of date: an invitation counts as answered at
    -- t if its first answer came by t (value_known_on <= t); by name, so that the other
    -- touchpoints get a null value_known_on (their value holds from their date on)
    union all by name
    select 'survey_response_rate' as indicator, i.account_id, i.sent_on as d,
        case when fa.answered_on is not null then 1 else 0 end as v, fa.answered_on as value_known_on
    from invitations as i
    left join (
        select invitation_id, min(responded_on) as answered_on from responses
        where invitation_id is not null group by invitation_id
    ) as fa on i.invitation_id = fa.invitation_id
),


half_lives as (
    select * from (values
        ('logins_per_seat', 30), ('feature_breadth', 60), ('nps', 180), ('csat', 120), ('ces', 120),
        ('support_escalations', 90), ('support_cases_opened', 90), ('survey_response_rate', 180),
        ('event_attendance', 120), ('email_engagement', 60), ('advocacy', 365), ('meetings_and_reviews', 90),
        ('renewal_rate', 730), ('expansion_spend', 365), ('support_resolution_days', 180),
        ('trials_demos_inquiries', 90), ('executive_engagement', 120), ('email_unsubscribes', 180),
        ('event_no_show_rate', 180), ('email_opens_and_clicks', 60), ('email_sends', 60)
    ) as h (indicator, half_life_days)
),

-- The first factor of every touchpoint, summed per indicator, account and the first as-of
-- date on or after its day (its bucket): its count from the bucket of its day, its value from
-- the bucket of the day the value is known. Days after T (a no-show counts 30 days after
-- registering) count at no as-of date.
bucketed_terms as (
    select
        tp.indicator,
        tp.account_id,
        h.half_life_days,
        least(ls.latest_on, greatest(ls.earliest_month_end, last_day(tp.d))) as counts_from,
        least(
            ls.latest_on,
            greatest(ls.earliest_month_end, last_day(greatest(tp.d, coalesce(tp.value_known_on, tp.d))))
        ) as values_from,
        sum(power(0.5, date_diff('day', tp.d, ls.latest_on) / h.half_life_days)) as count_term,
        sum(tp.v * power(0.5, date_diff('day', tp.d, ls.latest_on) / h.half_life_days)) as value_term
    from touchpoints as tp
    inner join half_lives as h on tp.indicator = h.indicator
    cross join latest_seen as ls
    where tp.d <= ls.latest_on
    group by all
),

decay_terms as (
    select indicator, account_id, half_life_days, 'count' as kind, counts_from, sum(count_term) as term
    from bucketed_terms
    group by indicator, account_id, half_life_days, counts_from
    union all
    select indicator, account_id, half_life_days, 'value', values_from, sum(value_term)
    from bucketed_terms
    group by indicator, account_id, half_life_days, values_from
    union all
    select 'logins_per_seat', account_id, 30, 'count', bucket, login_term
    from usage_buckets
    where summary_level = 3 and login_term is not null
),

running_sums as (
    select
        indicator, account_id, half_life_days, kind, counts_from,
        sum(term) over (partition by indicator, account_id, kind order by counts_from) as running_sum
    from decay_terms
),

weighted_long as (
    select
        k.indicator, k.account_id, k.kind, d.t,
        r.running_sum * power(2, date_diff('day', d.t, ls.latest_on) / k.half_life_days) as weighted_sum
    from (select distinct indicator, account_id, half_life_days, kind from decay_terms) as k
    cross join as_of_dates as d
    cross join latest_seen as ls
    asof inner join running_sums as r
        on k.indicator = r.indicator and k.account_id = r.account_id and k.kind = r.kind
        and d.t >= r.counts_from
),

weighted as (
    select
        indicator, account_id, t,
        max(case when kind = 'count' then weighted_sum end) as wc,
        coalesce(max(case when kind = 'value' then weighted_sum end), 0) as wv
    from weighted_long
    group by indicator, account_id, t
),

weighted_wide as (
    select
        account_id,
        t,
        max(case when indicator = 'logins_per_seat' then wc end) as logins_per_seat_wc,
        max(case when indicator = 'logins_per_seat' then wv end) as logins_per_seat_wv,
        max(case when indicator = 'nps' then wc end) as nps_wc,
        max(case when indicator = 'nps' then wv end) as nps_wv,
        max(case when indicator = 'csat' then wc end) as csat_wc,
        max(case when indicator = 'csat' then wv end) as csat_wv,
        max(case when indicator = 'ces' then wc end) as ces_wc,
        max(case when indicator = 'ces' then wv end) as ces_wv,
        max(case when indicator = 'support_escalations' then wc end) as support_escalations_wc,
        max(case when indicator = 'support_escalations' then wv end) as support_escalations_wv,
        max(case when indicator = 'support_cases_opened' then wc end) as support_cases_opened_wc,
        max(case when indicator = 'support_cases_opened' then wv end) as support_cases_opened_wv,
        max(case when indicator = 'survey_response_rate' then wc end) as survey_response_rate_wc,
        max(case when indicator = 'survey_response_rate' then wv end) as survey_response_rate_wv,
        max(case when indicator = 'event_attendance' then wc end) as event_attendance_wc,
        max(case when indicator = 'event_attendance' then wv end) as event_attendance_wv,
        max(case when indicator = 'advocacy' then wc end) as advocacy_wc,
        max(case when indicator = 'advocacy' then wv end) as advocacy_wv,
        max(case when indicator = 'meetings_and_reviews' then wc end) as meetings_and_reviews_wc,
        max(case when indicator = 'meetings_and_reviews' then wv end) as meetings_and_reviews_wv,
        max(case when indicator = 'renewal_rate' then wc end) as renewal_rate_wc,
        max(case when indicator = 'renewal_rate' then wv end) as renewal_rate_wv,
        max(case when indicator = 'expansion_spend' then wc end) as expansion_spend_wc,
        max(case when indicator = 'expansion_spend' then wv end) as expansion_spend_wv,
        max(case when indicator = 'support_resolution_days' then wc end) as support_resolution_days_wc,
        max(case when indicator = 'support_resolution_days' then wv end) as support_resolution_days_wv,
        max(case when indicator = 'trials_demos_inquiries' then wc end) as trials_demos_inquiries_wc,
        max(case when indicator = 'trials_demos_inquiries' then wv end) as trials_demos_inquiries_wv,
        max(case when indicator = 'executive_engagement' then wc end) as executive_engagement_wc,
        max(case when indicator = 'executive_engagement' then wv end) as executive_engagement_wv,
        max(case when indicator = 'email_unsubscribes' then wc end) as email_unsubscribes_wc,
        max(case when indicator = 'email_unsubscribes' then wv end) as email_unsubscribes_wv,
        max(case when indicator = 'event_no_show_rate' then wc end) as event_no_show_rate_wc,
        max(case when indicator = 'event_no_show_rate' then wv end) as event_no_show_rate_wv,
        max(case when indicator = 'email_opens_and_clicks' then wc end) as email_opens_and_clicks_wc,
        max(case when indicator = 'email_sends' then wc end) as email_sends_wc
    from weighted
    group by account_id, t
),

-- The latest day on or before each as-of date t, per summary of usage_buckets: the last
-- login (per account), the last use of each feature, each user's last activity. The
-- latest bucket on or before t holds it (an asof join); item is the feature or the user
-- ('' for the account's logins), so that one join serves the three.
usage_items as (
    select
        summary_level,
        account_id,
        coalesce(feature_name, user_id, '') as item,
        bucket,
        case summary_level when 3 then last_login_on when 1 then last_used_on else last_active_on end as last_on
    from usage_buckets
    where (summary_level = 3 and last_login_on is not null)
        or (summary_level = 1 and feature_name is not null and last_used_on is not null)
        or (summary_level = 2 and user_id is not null)
),

usage_latest as (
    select k.summary_level, k.account_id, k.item, d.t, u.last_on
    from (select distinct summary_level, account_id, item from usage_items) as k
    cross join as_of_dates as d
    asof inner join usage_items as u
        on k.summary_level = u.summary_level and k.account_id = u.account_id and k.item = u.item
        and d.t >= u.bucket
),

last_logins as (
    select account_id, t, last_on as last_login_on
    from usage_latest
    where summary_level = 3
),

feature_breadth as (
    select account_id, t, sum(power(0.5, date_diff('day', last_on, t) / 60)) as weighted_features
    from usage_latest
    where summary_level = 1
    group by account_id, t
),

-- a user is active at t when their last activity on or before t lies in (t - 30, t]
active_users as (
    select account_id, t, count(*) as active_users
    from usage_latest
    where summary_level = 2 and last_on > t - 30
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
            select dep.account_id, dep.product_module, dep.version, d.t
            from deployments as dep
            inner join as_of_dates as d on cast(dep.reported_at as date) <= d.t
            qualify row_number() over (
                partition by dep.account_id, dep.product_module, d.t order by dep.reported_at desc, dep.version desc
            ) = 1
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
    select w.account_id, d.t, w.estimated_annual_spend
    from wallet as w
    inner join as_of_dates as d on w.estimated_on <= d.t
    qualify row_number() over (partition by w.account_id, d.t order by w.estimated_on desc) = 1
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
        coalesce(s.modules, 0) / nullif(cat.modules, 0)::double as raw_modules_licensed,
        vc.releases_behind as raw_version_currency,
        coalesce(w.logins_per_seat_wc, 0) / nullif(s.seats, 0) as raw_logins_per_seat,
        coalesce(fb.weighted_features, 0) as raw_feature_breadth,
        w.nps_wv / nullif(w.nps_wc, 0) as raw_nps,
        w.csat_wv / nullif(w.csat_wc, 0) as raw_csat,
        w.ces_wv / nullif(w.ces_wc, 0) as raw_ces,
        coalesce(w.support_escalations_wc, 0) as raw_support_escalations,
        coalesce(w.support_cases_opened_wc, 0) as raw_support_cases_opened,
        w.survey_response_rate_wv / nullif(w.survey_response_rate_wc, 0) as raw_survey_response_rate,
        coalesce(w.event_attendance_wc, 0) as raw_event_attendance,
        coalesce(w.email_opens_and_clicks_wc, 0) / nullif(w.email_sends_wc, 0) as raw_email_engagement,
        coalesce(w.advocacy_wc, 0) as raw_advocacy,
        coalesce(w.meetings_and_reviews_wc, 0) as raw_meetings_and_reviews,
        date_diff('day', p.became_customer_on, p.t) / 365.25 as raw_tenure_years,
        w.renewal_rate_wv / nullif(w.renewal_rate_wc, 0) as raw_renewal_rate,
        coalesce(w.expansion_spend_wv / nullif(p.acv, 0), 0) as raw_expansion_spend,
        p.acv / nullif(lw.estimated_annual_spend, 0) as raw_share_of_wallet,
        coalesce(au.active_users, 0) / nullif(s.seats, 0)::double as raw_active_user_ratio,
        date_diff('day', ll.last_login_on, p.t)::double as raw_days_since_last_login,
        w.support_resolution_days_wv / nullif(w.support_resolution_days_wc, 0) as raw_support_resolution_days,
        coalesce(w.trials_demos_inquiries_wc, 0) as raw_trials_demos_inquiries,
        coalesce(cb.contacts, 0)::double as raw_contact_breadth,
        coalesce(w.executive_engagement_wc, 0) as raw_executive_engagement,
        coalesce(w.email_unsubscribes_wc, 0) as raw_email_unsubscribes,
        w.event_no_show_rate_wv / nullif(w.event_no_show_rate_wc, 0) as raw_event_no_show_rate
    from population as p
    inner join catalogue as cat on p.t = cat.t
    left join seats as s on p.account_id = s.account_id and p.t = s.t
    left join version_currency as vc on p.account_id = vc.account_id and p.t = vc.t
    left join weighted_wide as w on p.account_id = w.account_id and p.t = w.t
    left join feature_breadth as fb on p.account_id = fb.account_id and p.t = fb.t
    left join latest_wallet as lw on p.account_id = lw.account_id and p.t = lw.t
    left join last_logins as ll on p.account_id = ll.account_id and p.t = ll.t
    left join active_users as au on p.account_id = au.account_id and p.t = au.t
    left join contact_breadth as cb on p.account_id = cb.account_id and p.t = cb.t
),

long_values as not materialized (
    select account_id, as_of_date, segment, substr(raw_column, 5) as indicator, round(raw_value, 9) as raw_value
    from raw_values
    unpivot include nulls (raw_value for raw_column in (columns('^raw_')))
),

registry as (
    select * from (values
        ('modules_licensed', 'product_usage', 'higher_is_better', 1.0, 'percentile', null, 'zero', false),
        ('version_currency', 'product_usage', 'lower_is_better', 0.5, 'target', 6, 'exclude', false),
        ('logins_per_seat', 'product_usage', 'higher_is_better', 1.5, 'percentile', null, 'zero', true),
        ('feature_breadth', 'product_usage', 'higher_is_better', 1.0, 'min_max', null, 'zero', false),
        ('nps', 'sentiment', 'higher_is_better', 1.5, 'min_max', null, 'exclude', false),
        ('csat', 'sentiment', 'higher_is_better', 1.0, 'target', 5, 'exclude', false),
        ('ces', 'sentiment', 'higher_is_better', 0.5, 'target', 7, 'exclude', false),
        ('support_escalations', 'sentiment', 'lower_is_better', 1.0, 'min_max', null, 'zero', false),
        ('support_cases_opened', 'involvement', 'higher_is_better', 0.5, 'percentile', null, 'zero', true),
        ('survey_response_rate', 'involvement', 'higher_is_better', 1.0, 'target', 0.6, 'exclude', false),
        ('event_attendance', 'involvement', 'higher_is_better', 1.0, 'percentile', null, 'zero', false),
        ('email_engagement', 'involvement', 'higher_is_better', 0.5, 'min_max', null, 'exclude', false),
        ('advocacy', 'involvement', 'higher_is_better', 1.0, 'target', 2, 'zero', false),
        ('meetings_and_reviews', 'involvement', 'higher_is_better', 1.0, 'percentile', null, 'zero', true),
        ('tenure_years', 'competitive_status', 'higher_is_better', 0.5, 'target', 5, 'zero', false),
        ('renewal_rate', 'competitive_status', 'higher_is_better', 1.5, 'target', 1, 'own_level', false),
        ('expansion_spend', 'competitive_status', 'higher_is_better', 1.0, 'min_max', null, 'zero', false),
        ('share_of_wallet', 'competitive_status', 'higher_is_better', 1.0, 'target', 0.8, 'exclude', false),
        ('active_user_ratio', 'product_usage', 'higher_is_better', 1.0, 'percentile', null, 'exclude', true),
        ('days_since_last_login', 'product_usage', 'lower_is_better', 0.5, 'target', 30, 'zero', false),
        ('support_resolution_days', 'sentiment', 'lower_is_better', 0.5, 'min_max', null, 'exclude', false),
        ('trials_demos_inquiries', 'involvement', 'higher_is_better', 0.5, 'percentile', null, 'zero', false),
        ('contact_breadth', 'involvement', 'higher_is_better', 1.0, 'percentile', null, 'zero', true),
        ('executive_engagement', 'involvement', 'higher_is_better', 1.0, 'percentile', null, 'zero', true),
        ('email_unsubscribes', 'involvement', 'lower_is_better', 0.5, 'target', 2, 'zero', false),
        ('event_no_show_rate', 'involvement', 'lower_is_better', 0.5, 'target', 1, 'exclude', false)
    ) as r (indicator, element, direction, weight, normalization, target, when_missing, by_segment)
),

element_weights as (
    select * from (values
        ('product_usage', 0.35), ('sentiment', 0.25), ('involvement', 0.20), ('competitive_status', 0.20)
    ) as e (element, element_weight)
),

-- ---------------------------------------------------------------- normalization, composite, band (per as-of date)
grouped as not materialized (
    select
        lv.*,
        r.element, r.direction, r.weight, r.normalization, r.target, r.when_missing,
        case when r.by_segment then lv.segment else 'all' end as peer_group
    from long_values as lv
    inner join registry as r on lv.indicator = r.indicator
),

-- The peer groups' statistics from their distinct values (no holistic aggregate, no window
-- over every row): per distinct value, its rows and the rows below it.
value_counts as (
    select indicator, as_of_date, peer_group, raw_value, count(*) as n
    from grouped
    where raw_value is not null
    group by indicator, as_of_date, peer_group, raw_value
),

value_positions as (
    select
        indicator, as_of_date, peer_group, raw_value,
        coalesce(sum(n) over (
            partition by indicator, as_of_date, peer_group order by raw_value
            rows between unbounded preceding and 1 preceding
        ), 0) as rows_below,
        sum(n) over (partition by indicator, as_of_date, peer_group) as group_rows
    from value_counts
),

-- percent_rank: the rows below over the group's rows less one
percent_ranks as (
    select
        indicator, as_of_date, peer_group, raw_value,
        coalesce(rows_below / nullif(group_rows - 1, 0), 0) as percent_rank
    from value_positions
),

-- quantile_cont(q) by hand: the values at the 0-based positions floor(h) and ceil(h) of the
-- sorted group, h = (rows - 1) * q, interpolated
quantile_bounds as (
    select
        indicator, as_of_date, peer_group,
        min(raw_value) as min_value,
        max(raw_value) as max_value,
        max(raw_value) filter (where rows_below <= floor((group_rows - 1) * 0.05)) as p05_low,
        max(raw_value) filter (where rows_below <= ceil((group_rows - 1) * 0.05)) as p05_high,
        any_value((group_rows - 1) * 0.05 - floor((group_rows - 1) * 0.05)) as p05_fraction,
        max(raw_value) filter (where rows_below <= floor((group_rows - 1) * 0.95)) as p95_low,
        max(raw_value) filter (where rows_below <= ceil((group_rows - 1) * 0.95)) as p95_high,
        any_value((group_rows - 1) * 0.95 - floor((group_rows - 1) * 0.95)) as p95_fraction
    from value_positions
    group by indicator, as_of_date, peer_group
),

group_stats as (
    select
        indicator, as_of_date, peer_group, min_value, max_value,
        round(p05_low + p05_fraction * (p05_high - p05_low), 9) as p05,
        round(p95_low + p95_fraction * (p95_high - p95_low), 9) as p95
    from quantile_bounds
),

-- one pass over the long values: each joins its peer group's statistics and its percentile
-- rank (no second pass over the long values); the score after the missing-data policy
-- (own_level: no value is a level of its own, scored 0)
policy_scored as (
    select
        g.*,
        case
            when g.raw_value is null then
                case g.when_missing when 'zero' then 0 when 'own_level' then 0 when 'neutral' then 50 end
            else
                case when g.direction = 'lower_is_better' then 100 - n.score else n.score end
        end as policy_score
    from grouped as g
    left join group_stats as s
        on g.indicator = s.indicator and g.as_of_date = s.as_of_date and g.peer_group = s.peer_group
    left join percent_ranks as pr
        on g.indicator = pr.indicator and g.as_of_date = pr.as_of_date and g.peer_group = pr.peer_group
        and g.raw_value = pr.raw_value
    cross join lateral (
        select
            case g.normalization
                when 'percentile' then
                    case when s.min_value = s.max_value then 50 else 100 * pr.percent_rank end
                when 'min_max' then
                    case
                        when s.min_value = s.max_value then 50
                        when s.p95 = s.p05 then
                            case when g.raw_value > s.p95 then 100 when g.raw_value < s.p05 then 0 else 50 end
                        else greatest(0, least(100, 100 * (g.raw_value - s.p05) / (s.p95 - s.p05)))
                    end
                when 'target' then greatest(0, least(100, 100 * g.raw_value / g.target))
            end as score
    ) as n
),

-- information is judged on the scored value: an indicator whose scores (after the policy)
-- do not vary across customers at T drops out for everyone
health as (
    select indicator, as_of_date, count(distinct round(policy_score, 6)) > 1 as carries_information
    from policy_scored
    group by indicator, as_of_date
),

scored as (
    select
        p.*,
        case when h.carries_information then p.policy_score end as indicator_score,
        not h.carries_information or (p.raw_value is null and p.when_missing = 'exclude') as is_excluded
    from policy_scored as p
    inner join health as h on p.indicator = h.indicator and p.as_of_date = h.as_of_date
),

element_sums as (
    select
        s.account_id, s.as_of_date, s.element, ew.element_weight,
        sum(case when not s.is_excluded then s.weight else 0 end) as included_weight,
        sum(case when not s.is_excluded then s.weight * s.indicator_score else 0 end) as weighted_score
    from scored as s
    inner join element_weights as ew on s.element = ew.element
    group by s.account_id, s.as_of_date, s.element, ew.element_weight
),

composite as (
    select
        account_id,
        as_of_date,
        greatest(0, least(100,
            sum(case when included_weight > 0 then element_weight * weighted_score / included_weight end)
            / nullif(sum(case when included_weight > 0 then element_weight end), 0)
        )) as engagement_score
    from element_sums
    group by account_id, as_of_date
),

final as (
    select
        rv.*,
        c.engagement_score,
        case
            when round(c.engagement_score, 9) >= 70 then 'engaged'
            when round(c.engagement_score, 9) >= 40 then 'at_risk'
            when c.engagement_score is not null then 'disengaged'
        end as band
    from raw_values as rv
    inner join composite as c on rv.account_id = c.account_id and rv.as_of_date = c.as_of_date
)

select * from final
