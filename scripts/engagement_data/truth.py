"""A planted churn truth over a generated set (preset ``planted_churn``): churn that the registry does not expect.

The set engine draws the world first (``sets.Generator.build``); this pass then replaces who churns and when:

* every account's ``churned_at`` is cleared, then, month end by month end (the as-of dates of the default
  monthly history), every account still a customer churns within the next month with a hazard that follows
  only *support friction* (escalated cases opened in the last 90 days) and *usage decline* (logins per
  licensed seat in the last 30 days), plus an unobserved frailty: ``world.PLANTED_CHURN`` holds the model;
* what a churned account would have done after its churn date is deleted (usage, cases, activities,
  advocacy, survey invitations and responses, opportunities, deployments, e-mails, event registrations);
* survey answers (response scores, case CSAT) are shuffled among the responses of the same survey, so what
  customers *say* is independent of churn;
* the generating model's own risk per account and month end (its linear predictor on what is observed at
  that date, without the frailty) is written to ``truth.churn_risk``: the best a score can do on the data,
  the yardstick tests/python/test_generated_truth.py compares the learnt weights with.

Deterministic for a seed: every draw is a hash of (seed, salt, account, date).
"""

from __future__ import annotations

import datetime as dt

from .world import PLANTED_CHURN, Window


def month_ends(first: dt.date, last: dt.date) -> list[dt.date]:
    """The month ends from first's month to last (inclusive)."""
    out, year, month = [], first.year, first.month
    while True:
        nxt = dt.date(year + month // 12, month % 12 + 1, 1)
        end = nxt - dt.timedelta(days=1)
        if end > last:
            return out
        out.append(end)
        year, month = nxt.year, nxt.month


def uniform_sql(seed: int, salt: str, *keys: str) -> str:
    """A uniform draw in [0, 1) from a hash of the seed, a salt and key expressions."""
    parts = " || '|' || ".join(f"CAST({k} AS VARCHAR)" for k in keys)
    return f"(hash('{seed}|{salt}|' || {parts}) % 1000000007) / 1000000007.0"


def normal_sql(seed: int, salt: str, *keys: str) -> str:
    """A standard normal draw (Box-Muller on two hashed uniforms)."""
    u1 = uniform_sql(seed, salt + "a", *keys)
    u2 = uniform_sql(seed, salt + "b", *keys)
    return f"(sqrt(-2 * ln(1 - {u1})) * cos(2 * pi() * {u2}))"


def plant(con, seed: int, window: Window, log=print) -> dict:
    """Replace the generated churn with the planted model; return counts for the log."""
    m = PLANTED_CHURN
    ends = month_ends(window.end - dt.timedelta(days=m.churn_months * 31), window.end - dt.timedelta(days=1))
    con.execute("UPDATE raw_crm.accounts SET churned_at = NULL")
    con.execute("CREATE SCHEMA IF NOT EXISTS truth")
    con.execute("DROP TABLE IF EXISTS truth.churn_risk")
    con.execute("""
        CREATE TABLE truth.churn_risk (
            account_id VARCHAR, as_of_date DATE, escalations_90d INTEGER, logins_30d_per_seat DOUBLE,
            risk DOUBLE, monthly_hazard DOUBLE, churned_next_month BOOLEAN)
    """)
    # the account's escalations and logins, once, by day (the monthly loop reads them many times)
    con.execute("""
        CREATE OR REPLACE TEMP TABLE truth_escalations AS
        SELECT account_id, CAST(opened_at AS DATE) AS d FROM raw_support.cases WHERE is_escalated
    """)
    con.execute("""
        CREATE OR REPLACE TEMP TABLE truth_logins AS
        SELECT account_id, CAST(occurred_at AS DATE) AS d, count(*) AS n
        FROM raw_product.usage_events WHERE lower(event_type) = 'login' GROUP BY ALL
    """)
    for t in ends:
        d = f"DATE '{t.isoformat()}'"
        frailty = normal_sql(seed, "frailty", "a.account_id", d)
        draw = uniform_sql(seed, "churn", "a.account_id", d)
        day = uniform_sql(seed, "day", "a.account_id", d)
        con.execute(f"""
            INSERT INTO truth.churn_risk
            WITH alive AS (
                SELECT account_id FROM raw_crm.accounts
                WHERE customer_since <= {d} AND churned_at IS NULL
            ), seats AS (
                SELECT account_id, sum(seats) AS seats FROM raw_crm.licenses
                WHERE starts_on <= {d} AND (ends_on IS NULL OR ends_on >= {d}) GROUP BY ALL
            ), esc AS (
                SELECT account_id, count(*) AS n FROM truth_escalations
                WHERE d > {d} - INTERVAL 90 DAY AND d <= {d} GROUP BY ALL
            ), logins AS (
                SELECT account_id, sum(n) AS n FROM truth_logins
                WHERE d > {d} - INTERVAL 30 DAY AND d <= {d} GROUP BY ALL
            ), features AS (
                SELECT alive.account_id, coalesce(esc.n, 0) AS escalations_90d,
                       coalesce(logins.n, 0) / greatest(coalesce(seats.seats, 0), 1) AS logins_30d_per_seat
                FROM alive
                LEFT JOIN seats USING (account_id) LEFT JOIN esc USING (account_id)
                LEFT JOIN logins USING (account_id)
            ), scored AS (
                SELECT account_id AS account_id, escalations_90d, logins_30d_per_seat,
                       {m.intercept} + {m.escalation_coef} * ln(1 + escalations_90d)
                         - {m.login_coef} * ln(1 + logins_30d_per_seat / {m.login_scale}) AS risk
                FROM features
            )
            SELECT a.account_id, {d}, a.escalations_90d, a.logins_30d_per_seat, a.risk,
                   1 / (1 + exp(-(a.risk + {m.frailty_sd} * {frailty}))) AS monthly_hazard,
                   {draw} < 1 / (1 + exp(-(a.risk + {m.frailty_sd} * {frailty}))) AS churned_next_month
            FROM scored AS a
        """)
        # the churners of the month leave on a day of the next month
        con.execute(f"""
            UPDATE raw_crm.accounts AS acc SET churned_at = c.churned_at
            FROM (
                SELECT a.account_id, CAST({d} + CAST(1 + floor(28 * {day}) AS INTEGER) AS DATE) AS churned_at
                FROM truth.churn_risk AS a WHERE a.as_of_date = {d} AND a.churned_next_month
            ) AS c
            WHERE acc.account_id = c.account_id
        """)
    # nothing happens at a churned account after it left
    after = "x.account_id = a.account_id AND a.churned_at IS NOT NULL AND CAST(x.{col} AS DATE) > a.churned_at"
    by_account = [("raw_product.usage_events", "occurred_at"), ("raw_support.cases", "opened_at"),
                  ("raw_crm.activities", "occurred_at"), ("raw_marketing.advocacy", "occurred_at"),
                  ("raw_survey.invitations", "sent_at"), ("raw_survey.responses", "responded_at"),
                  ("raw_crm.opportunities", "created_at"), ("raw_crm.deployments", "reported_at")]
    for table, col in by_account:
        con.execute(f"DELETE FROM {table} AS x USING raw_crm.accounts AS a WHERE {after.format(col=col)}")
    for table, col in (("raw_marketing.email_events", "occurred_at"),
                       ("raw_marketing.event_registrations", "registered_at")):
        con.execute(f"""
            DELETE FROM {table} AS x USING raw_crm.contacts AS c, raw_crm.accounts AS a
            WHERE x.contact_id = c.contact_id AND c.account_id = a.account_id AND a.churned_at IS NOT NULL
              AND CAST(x.{col} AS DATE) > a.churned_at
        """)
    # what customers say is independent of churn: answers shuffled among the same survey's responses
    shuffle_key = uniform_sql(seed, "say", "response_id")
    con.execute(f"""
        UPDATE raw_survey.responses AS r SET score = s.score
        FROM (
            WITH by_pos AS (
                SELECT response_id, survey_id, score,
                       row_number() OVER (PARTITION BY survey_id ORDER BY response_id) AS pos,
                       row_number() OVER (PARTITION BY survey_id ORDER BY {shuffle_key}, response_id) AS shuffled
                FROM raw_survey.responses
            )
            SELECT a.response_id, b.score FROM by_pos AS a
            JOIN by_pos AS b ON a.survey_id = b.survey_id AND a.pos = b.shuffled
        ) AS s
        WHERE r.response_id = s.response_id
    """)
    case_key = uniform_sql(seed, "csat", "case_id")
    con.execute(f"""
        UPDATE raw_support.cases AS r SET csat_score = s.csat_score
        FROM (
            WITH by_pos AS (
                SELECT case_id, csat_score,
                       row_number() OVER (ORDER BY case_id) AS pos,
                       row_number() OVER (ORDER BY {case_key}, case_id) AS shuffled
                FROM raw_support.cases WHERE csat_score IS NOT NULL
            )
            SELECT a.case_id, b.csat_score FROM by_pos AS a JOIN by_pos AS b ON a.pos = b.shuffled
        ) AS s
        WHERE r.case_id = s.case_id
    """)
    counts = dict(zip(
        ("customer_months", "churned"),
        con.execute("SELECT count(*), count(*) FILTER (churned_next_month) FROM truth.churn_risk").fetchone()))
    log(f"planted churn: {counts['churned']:,} churns over {counts['customer_months']:,} customer-months "
        f"({len(ends)} month ends to {ends[-1]})")
    return counts
