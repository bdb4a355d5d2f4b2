"""The single-statement reference (benchmarks/reference_score.sql) and its comparison with the build
(benchmarks/run_reference.py compare), on a copy of the demo warehouse: the reference scores every
as-of date the build scores, agrees with it to 1e-6 on every (customer, as-of date), and the
comparison names a disagreement at a past date, and its cause, when there is one."""
import json
import shutil
import subprocess
import sys

import duckdb
import pytest

from conftest import PROJECT_DIR, query

RUN_REFERENCE = PROJECT_DIR / "benchmarks" / "run_reference.py"


def run_reference(action, warehouse):
    proc = subprocess.run([sys.executable, str(RUN_REFERENCE), action, "--warehouse", str(warehouse)],
                          cwd=PROJECT_DIR, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return proc.stdout


def compare(warehouse):
    return json.loads(run_reference("compare", warehouse).strip().splitlines()[-1])


@pytest.fixture(scope="module")
def reference_warehouse(demo_warehouse, tmp_path_factory):
    """A copy of the demo warehouse whose demo seeds also appear as the raw_<source> tables the
    reference reads (as scripts/generate_data.py writes them), with the reference run on it."""
    warehouse = tmp_path_factory.mktemp("reference") / "demo.duckdb"
    shutil.copy(demo_warehouse, warehouse)
    con = duckdb.connect(str(warehouse))
    try:
        for schema, table in con.execute(
                "select table_schema, table_name from information_schema.tables "
                "where table_schema like 'main_demo_%'").fetchall():
            raw_schema = schema.replace("main_demo_", "raw_")
            con.execute(f"create schema if not exists {raw_schema}")
            con.execute(f"create view {raw_schema}.{table} as select * from {schema}.{table}")
    finally:
        con.close()
    run_reference("run", warehouse)
    return warehouse


def test_reference_scores_every_as_of_date_of_the_build(reference_warehouse):
    build_dates = query(reference_warehouse,
                        "select distinct as_of_date, is_current from main_marts.fct_customer_engagement order by 1")
    reference_dates = query(reference_warehouse,
                            "select distinct as_of_date, is_current from reference.engagement_scores order by 1")
    assert len(build_dates) == 13
    assert reference_dates == build_dates
    # one row per (customer, as-of date)
    assert query(reference_warehouse, "select count(*) = count(distinct (account_id, as_of_date)) "
                                      "from reference.engagement_scores") == [(True,)]


def test_reference_agrees_with_the_build_at_every_as_of_date(reference_warehouse):
    summary = compare(reference_warehouse)
    rows_build = query(reference_warehouse, "select count(*) from main_marts.fct_customer_engagement")[0][0]
    customers = query(reference_warehouse,
                      "select count(*) from main_marts.fct_customer_engagement where is_current")[0][0]
    assert summary["as_of_dates_build"] == summary["as_of_dates_reference"] == 13
    assert summary["rows_build"] == summary["rows_reference"] == rows_build
    assert summary["rows_agree_1e6"] == summary["row_bands_agree"] == rows_build
    assert summary["row_disagreements_by_cause"] == {}
    assert summary["customers_build"] == summary["scores_agree_1e6"] == summary["bands_agree"] == customers
    assert sum(d["rows"] for d in summary["rows_agree_by_as_of_date"].values()) == rows_build


def test_compare_names_a_past_disagreement_and_its_cause(reference_warehouse, tmp_path):
    """A wrong score and raw value at a past date, and a row missing from the build: the current
    date still agrees, the all-dates figures show both, the score's cause is the raw value."""
    warehouse = tmp_path / "edited.duckdb"
    shutil.copy(reference_warehouse, warehouse)
    con = duckdb.connect(str(warehouse))
    try:
        (account_id, as_of_date), (gone_id, gone_date) = con.execute("""
            select account_id, as_of_date from reference.engagement_scores
            where not is_current and raw_nps is not null
            order by as_of_date, account_id limit 2""").fetchall()
        con.execute("""
            update reference.engagement_scores
            set engagement_score = engagement_score + 0.01, raw_nps = raw_nps + 1
            where account_id = ? and as_of_date = ?""", [account_id, as_of_date])
        con.execute("delete from main_marts.fct_customer_engagement where account_id = ? and as_of_date = ?",
                    [gone_id, gone_date])
    finally:
        con.close()
    summary = compare(warehouse)
    assert summary["scores_agree_1e6"] == summary["customers_build"]
    assert summary["disagreements_by_cause"] == {}
    assert summary["rows_only_in_reference"] == 1
    assert summary["rows_agree_1e6"] == summary["rows_build"] - 1
    assert summary["row_disagreements_by_cause"] == {"raw value of nps": 1}
    assert summary["row_example_per_cause"] == {"raw value of nps": f"{account_id} at {as_of_date}"}
    assert summary["row_raw_value_disagreements_by_indicator"] == {"nps": 1}
    assert summary["rows_agree_by_as_of_date"][str(as_of_date)]["agree"] == (
        summary["rows_agree_by_as_of_date"][str(as_of_date)]["rows"] - 1)


def test_compare_without_the_reference_says_to_run_it_first(demo_warehouse, tmp_path):
    """`compare` on a build the reference never ran on: a clear error naming the step, not the
    SQL error of an empty column list."""
    warehouse = tmp_path / "no_reference.duckdb"
    shutil.copy(demo_warehouse, warehouse)
    proc = subprocess.run([sys.executable, str(RUN_REFERENCE), "compare", "--warehouse", str(warehouse)],
                          cwd=PROJECT_DIR, capture_output=True, text=True)
    assert proc.returncode != 0
    assert "run `run_reference.py run` on it first" in proc.stderr, proc.stderr[-2000:]
