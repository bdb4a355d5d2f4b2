"""A sequence of incremental runs gives the same scores as a full refresh."""
import json
import math
import re

import duckdb

from conftest import BOOKKEEPING_COLUMNS, BUILD_WITHOUT_TESTS, load_landing_copy, query, run_dbt

# The tables that grow over time, by the timestamp that orders them.
GROWING = {
    "landing_product.usage_events": "occurred_at",
    "landing_marketing.email_events": "occurred_at",
    "landing_marketing.event_registrations": "registered_at",
    "landing_marketing.advocacy": "occurred_at",
    "landing_support.cases": "opened_at",
    "landing_survey.invitations": "sent_at",
    "landing_survey.responses": "responded_at",
    "landing_crm.activities": "occurred_at",
    "landing_crm.opportunities": "created_at",
    "landing_crm.deployments": "reported_at",
}
# Late arrivals: a tenth of these tables' rows stamped Sep 29 - Oct 2 arrive only after Oct 3.
LATE = {"landing_product.usage_events": "event_id", "landing_marketing.email_events": "email_event_id",
        "landing_support.cases": "case_id", "landing_survey.responses": "response_id"}
LATE_WINDOW = ("2026-09-29", "2026-10-03")
STEPS = ["2026-10-03 23:59:59", "2026-10-05 23:59:59", "2026-10-31 23:59:59"]
FIRST_CUTOFF = "2026-09-27 23:59:59"
# The backtest (horizons 90 and 180 days) must rewrite, at each run, exactly the horizons
# whose observed outcomes changed (observed dates, segments, outcomes). Oct 3 makes Jun 30
# observed at 90 days (and the history slides by a month); Oct 5 changes nothing the
# backtest reads, so it must rewrite nothing; Oct 31 makes Jul 31 (90) and Apr 30 (180)
# observed. Then a late CRM correction alone: ACC-00173's churn date, planted a day early
# (May 1) and restored (May 2), flips only its 90-day outcome at Jan 31 (Jan 31 + 90 =
# May 1); its 180-day outcomes and the population stay the same.
BACKTEST = ["int_backtest_scores_unpivoted", "int_backtest_scores_ranked",
            "fct_score_backtest", "fct_score_backtest_bins"]
LATE_CHURN = ("ACC-00173", "2026-05-01", "2026-05-02")
# The learnt weights and their held-out test read the observed outcomes at the churn-risk
# horizon (engagement__churn_risk_horizon_days, 180) and the frozen scores of those dates:
# a run refits them only when those outcomes changed, so the late 90-day correction leaves them.
LEARNT_WEIGHTS = ["int_indicator_weights_learnt", "int_score_weights_held_out"]
CHURN_RISK_HORIZON = 180

COMPARED = {
    "main_marts.fct_customer_engagement": ["account_id", "as_of_date"],
    "main_marts.fct_customer_indicator_scores": ["account_id", "as_of_date", "indicator"],
    "main_marts.dim_customer_engagement": ["account_id"],
    "main_intermediate.int_customer_score_movers": ["account_id", "as_of_date"],
    "main_marts.fct_manager_engagement": ["manager_id", "scope", "as_of_date"],
    "main_marts.fct_book_of_business_engagement": ["breakdown", "breakdown_value", "as_of_date"],
    "main_marts.fct_book_of_business_kpis": ["rollup_type", "breakdown", "breakdown_value", "as_of_date", "metric"],
    "main_marts.fct_account_hierarchy_engagement": ["account_id", "as_of_date"],
    "main_data_quality.dq_raw_table_summary": ["source_name", "table_name"],
    "main_marts.fct_score_backtest": [
        "score_kind", "score_name", "outcome", "horizon_days", "is_pooled", "as_of_date", "segment",
    ],
    "main_marts.fct_score_backtest_bins": [
        "score_kind", "score_name", "horizon_days", "is_pooled", "as_of_date", "segment", "bin_type", "bin",
    ],
}


def _is_late(table, ts):
    key = LATE.get(table)
    if not key:
        return "false"
    return (f"(cast({ts} as timestamp) >= '{LATE_WINDOW[0]}' and cast({ts} as timestamp) < '{LATE_WINDOW[1]}'"
            f" and hash({key}) % 10 = 0)")


def _held_back(table, ts, cutoff):
    # planted far-future rows (2030) and rows without a timestamp are there from the start
    return f"cast({ts} as timestamp) > '{cutoff}' and cast({ts} as timestamp) < '2027-01-01'"


def _hold_back_growing_rows():
    """Statements that move the growing tables' rows after FIRST_CUTOFF into schema `held`."""
    edits = ["create schema held"]
    for table, ts in GROWING.items():
        name = table.split(".")[1]
        edits += [
            f"create table held.{name} as select * from {table} where {_held_back(table, ts, FIRST_CUTOFF)}",
            f"delete from {table} where {_held_back(table, ts, FIRST_CUTOFF)}",
        ]
    return edits


def _release(table, ts, cutoff, late_too):
    late = "true" if late_too else f"not coalesce({_is_late(table, ts)}, false)"
    return [
        f"insert into {table} select * from held.{table.split('.')[1]} "
        f"where cast({ts} as timestamp) <= '{cutoff}' and ({late})",
        f"delete from held.{table.split('.')[1]} where cast({ts} as timestamp) <= '{cutoff}' and ({late})",
    ]


def rows_by_key(warehouse, table, keys):
    """The table's columns (without bookkeeping) and its rows by key."""
    columns = [r[0] for r in query(warehouse, f"select column_name from information_schema.columns where "
                                              f"table_schema || '.' || table_name = '{table}' order by ordinal_position")
               if r[0] not in BOOKKEEPING_COLUMNS]
    return columns, {tuple(row[columns.index(k)] for k in keys): row
                     for row in query(warehouse, f"select {', '.join(columns)} from {table}")}


def same_value(a, b):
    """Equal, or for two floats equal to 1e-9: absolute on scores, relative on sums of money
    (float addition order)."""
    if isinstance(a, float) and isinstance(b, float):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)
    return a == b


def observed_outcomes(warehouse):
    """Per horizon, the set of observed outcome rows the backtest reads."""
    by_horizon = {}
    for horizon, *row in query(warehouse, "select horizon_days, as_of_date, account_id, segment, is_churned, "
                                          "is_renewal_lost, is_expansion_won from main_intermediate.int_customer_outcomes "
                                          "where is_observed"):
        by_horizon.setdefault(horizon, set()).add(tuple(row))
    return by_horizon


def changed_horizons(before, after):
    return {h for h in before.keys() | after.keys() if before.get(h) != after.get(h)}


def backtest_rewrites(warehouse):
    """The horizons each backtest model wrote in the last dbt run of `warehouse`. The
    unpivoted scores and the ranks carry the invocation that wrote each row; the marts
    record the ranks' invocation, not their own, so theirs are read from the horizon
    filter of the SQL the run compiled: the only rows a mart's run writes are those its
    filter keeps."""
    target = warehouse.parent / "target"
    invocation = json.loads((target / "run_results.json").read_text())["metadata"]["invocation_id"]
    written = {}
    for model in BACKTEST[:2]:
        written[model] = {h for (h,) in query(warehouse, f"select distinct horizon_days from main_intermediate.{model} "
                                                          "where built_by_invocation_id = ?", [invocation])}
    for model in BACKTEST[2:]:
        sql = (target / "compiled" / "engagement" / "models" / "marts" / "validity" / f"{model}.sql").read_text()
        if "where 1 = 0" in sql:
            written[model] = set()
        else:
            filtered = re.search(r"where horizon_days in \(([0-9, ]+)\)", sql)
            assert filtered, f"{model}: no horizon filter in the compiled SQL (a full rebuild)"
            written[model] = {int(h) for h in filtered.group(1).split(",")}
    return written


def learnt_weights_rewrites(warehouse):
    """The learnt-weight models whose rows the last dbt run of `warehouse` wrote."""
    invocation = json.loads((warehouse.parent / "target" / "run_results.json").read_text())["metadata"]["invocation_id"]
    return {model for model in LEARNT_WEIGHTS
            if query(warehouse, f"select count(*) from main_intermediate.{model} "
                                "where built_by_invocation_id = ?", [invocation])[0][0] > 0}


def test_incremental_runs_equal_a_full_refresh(landing_baseline, tmp_path):
    warehouse = tmp_path / "incremental.duckdb"
    account, planted, original = LATE_CHURN
    edits = [f"update landing_crm.accounts set churned_at = '{planted}' where account_id = '{account}' "
             f"and churned_at = '{original}'", *_hold_back_growing_rows()]
    landing_vars = load_landing_copy(warehouse, edit_sql=edits)
    run_dbt([*BUILD_WITHOUT_TESTS, "--vars", landing_vars], warehouse)  # first run: a full build
    outcomes = observed_outcomes(warehouse)
    expected_rewrites = []

    for step, cutoff in enumerate(STEPS):
        con = duckdb.connect(str(warehouse))
        try:
            for table, ts in GROWING.items():
                for statement in _release(table, ts, cutoff, late_too=step > 0):
                    con.execute(statement)
        finally:
            con.close()
        run_dbt([*BUILD_WITHOUT_TESTS, "--vars", landing_vars], warehouse)
        previous, outcomes = outcomes, observed_outcomes(warehouse)
        expected_rewrites.append(changed_horizons(previous, outcomes))
        written = backtest_rewrites(warehouse)
        for model in BACKTEST:
            assert written[model] == expected_rewrites[-1], (cutoff, model, written)
        refit = set(LEARNT_WEIGHTS) if CHURN_RISK_HORIZON in expected_rewrites[-1] else set()
        assert learnt_weights_rewrites(warehouse) == refit, (cutoff, refit)
    # the sequence exercises both cases: a date becoming observed, and nothing to redo
    assert expected_rewrites[0] and expected_rewrites[1] == set() and expected_rewrites[2] == {90, 180}

    # a late correction of a churn date: only the 90-day horizon is recomputed
    con = duckdb.connect(str(warehouse))
    try:
        con.execute(f"update landing_crm.accounts set churned_at = '{original}' where account_id = '{account}'")
    finally:
        con.close()
    run_dbt([*BUILD_WITHOUT_TESTS, "--vars", landing_vars], warehouse)
    assert changed_horizons(outcomes, observed_outcomes(warehouse)) == {90}
    written = backtest_rewrites(warehouse)
    for model in BACKTEST:
        assert written[model] == {90}, ("late churn", model, written)
    assert learnt_weights_rewrites(warehouse) == set(), "late 90-day churn: the learnt weights were refitted"

    assert query(warehouse, "select sum(c) from (" + " union all ".join(
        f"select count(*) as c from held.{t.split('.')[1]}" for t in GROWING) + ")")[0][0] == 0
    for table, keys in COMPARED.items():
        columns, full = rows_by_key(landing_baseline, table, keys)
        _, incremental = rows_by_key(warehouse, table, keys)
        assert full.keys() == incremental.keys(), f"{table}: different rows"
        for key, full_row in full.items():
            for column, a, b in zip(columns, full_row, incremental[key]):
                assert same_value(a, b), (table, key, column, a, b)

    # The incremental state holds buckets weighted with the registry's half-life. Changing one
    # half-life (here with an override var, as a user would) leaves older buckets stale: the
    # state check must fail until a --full-refresh.
    check = ["test", "--select", "assert_incremental_state_matches_config"]
    assert run_dbt([*check, "--vars", landing_vars], warehouse, check=False).returncode == 0
    changed = landing_vars[:-1] + ", engagement__indicator_overrides: {logins_per_seat: {half_life_days: 45}}}"
    run_dbt(["run", "--select", "int_indicator_registry", "int_usage_activity_bucketed", "--vars", changed], warehouse)
    assert query(warehouse, "select half_life_days from main_intermediate.int_indicator_registry "
                            "where indicator = 'logins_per_seat'") == [(45.0,)]
    failed = run_dbt([*check, "--vars", changed], warehouse, check=False)
    assert failed.returncode != 0 and "FAIL" in failed.stdout, failed.stdout[-3000:]


def test_a_backtest_mart_left_out_of_a_run_catches_up_on_the_next(landing_baseline, tmp_path):
    """The late churn correction of the test above re-ranks the 90-day horizon. A run that leaves
    out fct_score_backtest_bins (as a run where it failed would) and then an ordinary run must
    leave the bins equal to a full refresh."""
    warehouse = tmp_path / "catch_up.duckdb"
    account, planted, original = LATE_CHURN
    landing_vars = load_landing_copy(warehouse, edit_sql=[
        f"update landing_crm.accounts set churned_at = '{planted}' where account_id = '{account}' "
        f"and churned_at = '{original}'"])
    bins_lineage = ["--select", "+fct_score_backtest_bins"]  # what the test reads, no other mart
    run_dbt([*BUILD_WITHOUT_TESTS, *bins_lineage, "--vars", landing_vars], warehouse)
    con = duckdb.connect(str(warehouse))
    try:
        con.execute(f"update landing_crm.accounts set churned_at = '{original}' where account_id = '{account}'")
    finally:
        con.close()
    run_dbt([*BUILD_WITHOUT_TESTS, *bins_lineage, "--exclude", "fct_score_backtest_bins", "--vars", landing_vars],
            warehouse)
    invocation = json.loads((warehouse.parent / "target" / "run_results.json").read_text())["metadata"]["invocation_id"]
    assert query(warehouse, "select distinct horizon_days from main_intermediate.int_backtest_scores_ranked "
                            "where built_by_invocation_id = ?", [invocation]) == [(90,)]
    run_dbt([*BUILD_WITHOUT_TESTS, *bins_lineage, "--vars", landing_vars], warehouse)
    table = "main_marts.fct_score_backtest_bins"
    keys = COMPARED[table]
    _, full = rows_by_key(landing_baseline, table, keys)
    _, caught_up = rows_by_key(warehouse, table, keys)
    assert full.keys() == caught_up.keys()
    stale = [key for key, row in full.items() if not all(map(same_value, row, caught_up[key]))]
    assert stale == [], f"{len(stale)} bins differ from a full refresh, e.g. {stale[:3]}"


def test_a_run_after_a_gap_scores_the_dates_it_skipped(landing_baseline, tmp_path):
    """The daily run stops for a month: a run at Sep 27, the next at Oct 31. The window of the
    second run (from Oct 24) leaves out Sep 30, a month end the first run could not score yet,
    and September's buckets, which ended on Sep 27. The run must still score every date and
    equal a full refresh: an incremental run starts at the earlier of its own window and the
    day after the previous run's date, minus the lookback."""
    warehouse = tmp_path / "gap.duckdb"
    landing_vars = load_landing_copy(warehouse, edit_sql=_hold_back_growing_rows())
    lineage = ["--select", "+fct_customer_engagement", "+fct_customer_indicator_scores"]
    run_dbt([*BUILD_WITHOUT_TESTS, *lineage, "--vars", landing_vars], warehouse)
    con = duckdb.connect(str(warehouse))
    try:
        for table, ts in GROWING.items():
            for statement in _release(table, ts, STEPS[-1], late_too=True):
                con.execute(statement)
    finally:
        con.close()
    run_dbt([*BUILD_WITHOUT_TESTS, *lineage, "--vars", landing_vars], warehouse)
    for table in ["main_marts.fct_customer_engagement", "main_marts.fct_customer_indicator_scores"]:
        keys = COMPARED[table]
        columns, full = rows_by_key(landing_baseline, table, keys)
        _, incremental = rows_by_key(warehouse, table, keys)
        assert sorted({k[1] for k in full} - {k[1] for k in incremental}) == [], f"{table}: as-of dates missing"
        assert full.keys() == incremental.keys(), f"{table}: different rows"
        differing = [key for key, row in full.items() if not all(map(same_value, row, incremental[key]))]
        assert differing == [], f"{table}: {len(differing)} rows differ from a full refresh, e.g. {differing[:3]}"
    # The next run, on the same day: back to its own window, T - 7 days (Oct 24), and the
    # buckets from that day's period; recomputing more every day would cost a daily run.
    # Compiled only: the window is read from the stored dates when the SQL is compiled.
    run_dbt(["compile", "--select", "int_customer_scores", "int_usage_activity_bucketed", "--vars", landing_vars],
            warehouse)
    compiled = warehouse.parent / "target" / "compiled" / "engagement" / "models" / "intermediate"
    scores_sql = (compiled / "scoring" / "int_customer_scores.sql").read_text()
    assert "as_of_date >= cast('2026-10-24' as date)" in scores_sql, scores_sql[:3000]
    buckets_sql = (compiled / "touchpoints" / "int_usage_activity_bucketed.sql").read_text()
    assert "occurred_at >= cast(cast(date_trunc('month', cast('2026-10-24' as date))" in buckets_sql, buckets_sql[:3000]
