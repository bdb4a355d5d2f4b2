"""The book's KPIs, velocity and attributes as they were, checked against the marts
they come from and recomputed independently.

- KPI values recompute from the customer-level marts and the clean staging tables,
  in plain Python (book total / segment, manager direct / reporting line).
- Score velocity recomputes with numpy's least squares on customer, manager and
  book rows.
- Snapshots: after a manager change, the customer moves between manager books
  only from the change on (DuckDB here; Postgres in test_cross_engine.py, on its demo build).
"""
import calendar
import datetime
import shutil
from collections import defaultdict

import numpy as np
import pytest

from conftest import query, run_dbt

DAYS_PER_MONTH = 365.25 / 12


def current_kpis(warehouse, rollup_type, breakdown):
    rows = query(warehouse, """
        select breakdown_value, metric, metric_value, last_year_value, benchmark_value
        from main_marts.fct_book_of_business_kpis
        where is_current and rollup_type = ? and breakdown = ?""", [rollup_type, breakdown])
    return {(r[0], r[1]): r[2:] for r in rows}


def pct(numerator, denominator):
    return None if denominator == 0 else 100.0 * numerator / denominator


def assert_close(actual, expected, label):
    if expected is None:
        assert actual is None, label
    else:
        assert actual == pytest.approx(expected, abs=1e-6), label


def recompute(warehouse, as_of, group_at):
    """KPIs at `as_of` per group; group_at(account_id, date) -> group keys of the account then."""
    start = as_of.replace(year=as_of.year - 1)
    period_start = as_of.replace(day=1)
    accounts = query(warehouse, "select account_id, became_customer_on, churned_on from main_staging.stg_crm__accounts")

    def is_customer(row, day):
        return row[1] <= day and (row[2] is None or day < row[2])

    licences = defaultdict(list)
    for account_id, starts_on, ends_on, value in query(
            warehouse, "select account_id, starts_on, ends_on, annual_value from main_staging.stg_crm__licenses"):
        licences[account_id].append((starts_on, ends_on, float(value or 0)))

    def revenue(account_id, day):
        return sum(v for s, e, v in licences[account_id] if s <= day and (e is None or e >= day))

    answers = defaultdict(list)
    for account_id, score in query(warehouse, """
            select account_id, score from main_intermediate.int_survey_responses_attributed
            where survey_type = 'nps' and responded_on between ? and ?""", [period_start, as_of]):
        answers[account_id].append(score)
    advocates = {r[0] for r in query(warehouse, """
        select account_id from main_staging.stg_marketing__advocacy
        where cast(occurred_at as date) > ? and cast(occurred_at as date) <= ?""", [start, as_of])}
    bands = {r[0]: r[1:] for r in query(warehouse, """
        select account_id, band, annual_contract_value from main_marts.fct_customer_engagement
        where as_of_date = ?""", [as_of])}

    totals = defaultdict(lambda: defaultdict(float))
    for row in accounts:
        account_id = row[0]
        if is_customer(row, start):
            for group in group_at(account_id, start):
                t = totals[group]
                t["at_start"] += 1
                t["kept"] += is_customer(row, as_of)
        start_revenue = revenue(account_id, start)
        if start_revenue > 0:
            end_revenue = revenue(account_id, as_of)
            for group in group_at(account_id, start):
                t = totals[group]
                t["revenue_at_start"] += start_revenue
                t["gross"] += min(start_revenue, end_revenue)
                t["net"] += end_revenue
        if is_customer(row, as_of):
            for group in group_at(account_id, as_of):
                t = totals[group]
                t["customers"] += 1
                t["advocates"] += account_id in advocates
                t["answers"] += len(answers[account_id])
                t["promoters"] += sum(1 for s in answers[account_id] if s >= 9)
                t["detractors"] += sum(1 for s in answers[account_id] if s <= 6)
                band, value = bands[account_id]
                t["engaged"] += band == "engaged"
                t["engaged_value"] += value if band == "engaged" else 0
                t["value"] += value
    return {
        group: {
            "logo_retention_pct": pct(t["kept"], t["at_start"]),
            "gross_revenue_retention_pct": pct(t["gross"], t["revenue_at_start"]),
            "net_revenue_retention_pct": pct(t["net"], t["revenue_at_start"]),
            "nps": pct(t["promoters"] - t["detractors"], t["answers"]),
            "promoters_pct": pct(t["promoters"], t["answers"]),
            "advocacy_rate_pct": pct(t["advocates"], t["customers"]),
            "engaged_customers_pct": pct(t["engaged"], t["customers"]),
            "engaged_contract_value_pct": pct(t["engaged_value"], t["value"]),
        }
        for group, t in totals.items()
    }


def attributes(warehouse):
    rows = query(warehouse, """
        select account_id, attributes_on, coalesce(segment, 'unknown'), manager_id
        from main_intermediate.int_account_attributes_dated""")
    return {(r[0], r[1]): r[2:] for r in rows}


def test_book_kpis_recompute_from_the_customer_marts(demo_warehouse):
    as_of = query(demo_warehouse, "select as_of_date from main_intermediate.int_scoring_as_of_dates where is_current")[0][0]
    dated = attributes(demo_warehouse)
    expected = recompute(demo_warehouse, as_of, lambda account_id, day: ["all", dated[(account_id, day)][0]])
    total = current_kpis(demo_warehouse, "book", "total")
    segments = current_kpis(demo_warehouse, "book", "segment")
    assert len(total) == 8 and len(segments) == 8 * len({k[0] for k in segments})
    for group, metrics in expected.items():
        mart = total if group == "all" else segments
        for metric, value in metrics.items():
            assert_close(mart[(group, metric)][0], value, (group, metric))
    # the shipped example benchmarks apply: every total row has one, and a year earlier is known
    assert all(v[2] is not None for v in total.values())
    assert total[("all", "logo_retention_pct")][1] is not None


def test_manager_kpis_recompute_from_the_customer_marts(demo_warehouse):
    as_of = query(demo_warehouse, "select as_of_date from main_intermediate.int_scoring_as_of_dates where is_current")[0][0]
    dated = attributes(demo_warehouse)
    ancestors = defaultdict(set)
    for ancestor, manager in query(demo_warehouse,
                                   "select ancestor_manager_id, manager_id from main_intermediate.int_manager_reporting_paths"):
        ancestors[manager].add(ancestor)

    def groups(account_id, day):
        manager = dated[(account_id, day)][1]
        return [("direct", manager)] + [("reporting_line", a) for a in ancestors[manager]]

    expected = recompute(demo_warehouse, as_of, groups)
    for breakdown in ("direct", "reporting_line"):
        mart = current_kpis(demo_warehouse, "manager", breakdown)
        scopes = {g[1] for g in expected if g[0] == breakdown}
        assert scopes == {k[0] for k in mart}, breakdown
        for (kind, manager), metrics in expected.items():
            if kind == breakdown:
                for metric, value in metrics.items():
                    assert_close(mart[(manager, metric)][0], value, (breakdown, manager, metric))


def slope_by_numpy(series, periods=6):
    """series: [(period_index, as_of_date, score)] of one row key; -> {as_of_date: slope}."""
    by_index = {i: (d, s) for i, d, s in series}
    out = {}
    for index, (day, _) in by_index.items():
        window = [by_index[j] for j in range(index, index + periods) if j in by_index and by_index[j][1] is not None]
        if len(window) < 3:
            out[day] = None
            continue
        x = [(d - day).days / DAYS_PER_MONTH for d, _ in window]
        out[day] = float(np.polyfit(x, [s for _, s in window], 1)[0])
    return out


@pytest.mark.parametrize("table, key, score", [
    ("fct_customer_engagement", "account_id", "engagement_score"),
    ("fct_manager_engagement", "manager_id || '/' || scope", "contract_weighted_score"),
    ("fct_book_of_business_engagement", "breakdown || '/' || breakdown_value", "contract_weighted_score"),
])
def test_score_velocity_is_the_least_squares_slope(demo_warehouse, table, key, score):
    rows = query(demo_warehouse, f"""
        select {key}, period_index, as_of_date, {score}, score_velocity_points_per_month from main_marts.{table}""")
    series = defaultdict(list)
    actual = {}
    for row_key, index, day, value, velocity in rows:
        series[row_key].append((index, day, value))
        actual[(row_key, day)] = velocity
    checked = 0
    for row_key, points in series.items():
        for day, expected in slope_by_numpy(points).items():
            assert_close(actual[(row_key, day)], expected, (table, row_key, day))
            checked += expected is not None
    assert checked > 0


# --- attributes as they were: a manager change ---------------------------------

def month_end(day):
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def manager_change_dates():
    """As-of date two month ends ahead; the change happens today (the snapshot's day)."""
    today = datetime.datetime.now(datetime.timezone.utc).date()
    next_month = month_end(today) + datetime.timedelta(days=1)
    return today, month_end(next_month)


def check_books_follow_the_change(fetch, account_id, old_manager, new_manager, today):
    """fetch(sql) -> rows, on the engine's marts schema prefix {m}."""
    rows = fetch("select as_of_date, manager_id, has_attributes_of_time from {m}.fct_customer_engagement "
                 f"where account_id = '{account_id}'")
    assert rows, "the customer has no history rows"
    for as_of_date, manager, of_time in rows:
        if as_of_date >= today:
            assert (manager, of_time) == (new_manager, True), as_of_date
        else:
            assert (manager, of_time) == (old_manager, False), as_of_date
    books = fetch("select c.as_of_date, c.manager_id, m.customers, count(*) from {m}.fct_customer_engagement as c "
                  "join {m}.fct_manager_engagement as m on m.manager_id = c.manager_id "
                  "and m.as_of_date = c.as_of_date and m.scope = 'direct' "
                  f"where c.manager_id in ('{old_manager}', '{new_manager}') "
                  "group by c.as_of_date, c.manager_id, m.customers")
    assert books and all(customers == counted for _, _, customers, counted in books)
    assert {d for d, *_ in books if d >= today} and {d for d, *_ in books if d < today}


def pick_manager_change(rows):
    """From (account_id, manager_id) of current customers: an account and another manager."""
    account_id, old_manager = rows[0]
    new_manager = next(m for _, m in rows if m != old_manager)
    return account_id, old_manager, new_manager


BUILD = ["build", "--exclude-resource-type", "test", "unit_test"]


def test_a_manager_change_moves_the_customer_between_books_from_the_change_on(demo_warehouse, scratch_warehouse):
    # the demo's build is the starting point (a copy: the session's warehouse stays as built),
    # so that the only build here is the one after the change
    warehouse = scratch_warehouse
    shutil.copyfile(demo_warehouse, warehouse)
    account_id, old_manager, new_manager = pick_manager_change(query(warehouse, """
        select account_id, manager_id from main_marts.dim_customer_engagement order by account_id"""))
    import duckdb
    con = duckdb.connect(str(warehouse))
    try:
        con.execute(f"update main_demo_crm.accounts set manager_id = '{new_manager}' where account_id = '{account_id}'")
    finally:
        con.close()
    today, as_of = manager_change_dates()
    # the marts the check reads and their lineage (the snapshot included)
    run_dbt([*BUILD, "--exclude-resource-type", "seed", "--select", "+fct_customer_engagement", "+fct_manager_engagement",
             "--vars", f"{{engagement__as_of_date: '{as_of}'}}"], warehouse)
    versions = query(warehouse, f"select count(*) from main_demo_snapshots.snap_crm__accounts where account_id = '{account_id}'")
    assert versions[0][0] == 2
    check_books_follow_the_change(lambda sql: query(warehouse, sql.format(m="main_marts")),
                                  account_id, old_manager, new_manager, today)


# The same on Postgres: test_cross_engine.py::test_a_manager_change_on_postgres, on the demo's
# Postgres build that the cross-engine comparison makes anyway.
