"""On Spark too, an incremental run gives the scores of a full build, and it is
incremental: it rewrites only the partitions it recomputes.

The Spark counterpart of test_incremental.py, on the one Spark warehouse of the
full tier (a Spark run costs minutes, a JVM start included): the generated set
(conftest.generated_project_dir, 1,000 accounts) built on Spark in two runs by
build_in_two_runs (the session fixture spark_generated_build):

1. at Oct 5: the seeds as a loader would have had them then (rows stamped later
   held back, and a tenth of the event rows of the four days before held back
   too: they arrive late), built without tests, only the models the scoring
   marts need (the scoring lineage with its incremental models);
2. the whole set (to Oct 31): `dbt build`, every seed and model of the project and
   the data tests of its incremental models (second_run_excludes), the scoring
   lineage's models incremental on the state of
   run 1 (the base models' window starts in September: across the month end),
   with the late rows and the rows planted by conftest.plant_earlier_versions.

test_cross_engine.py then compares the 10 marts and 2 data-quality tables with
the DuckDB build of the same set (generated_warehouse, a full build) within
1e-6: the incremental run equals a full build on every mart. Here: the
incremental base models of the event tables equal that build's row for row,
and the runs were incremental. After run 2 the scoring chain's table
(int_indicator_contributions, partitioned by as_of_date on Spark) must hold
exactly the scored as-of dates, the partitions of the as-of dates before the
lookback window must keep their files (not rewritten), and the dates no longer
scored must be gone. The base models of the event tables (partitioned by
dq_partition_month on Spark) must have rewritten the months from the window
start's month on (and the rows without a timestamp), and of the months before it
exactly those holding an earlier version of a key the run read (the planted
months among them); the others keep their files. A full rebuild in disguise
fails that.
"""
import collections
import csv
import dataclasses
import datetime
import json
import shutil
import time
import zlib
from pathlib import Path

import pytest

from conftest import PLANTED_FILE, query, run_dbt
from test_cross_engine import IN_CI, SELECTED, TABLES, Spark, normalize
from test_incremental import GROWING, LATE

pytestmark = pytest.mark.skipif(
    "spark" not in SELECTED and not IN_CI, reason="ENGAGEMENT_TEST_ENGINES leaves Spark out"
)

LOOKBACK_DAYS = 7  # dbt_project.yml: engagement__incremental_lookback_days
# Run 1's cutoff. Run 2 is the whole set (its last day Oct 31): a run after a pause, whose
# window starts at the day after run 1's T minus LOOKBACK_DAYS (Sep 29), not at its own T's.
FIRST_CUTOFF = "2026-10-05 23:59:59"
# Rows of the LATE tables stamped in these days before the first run's cutoff, one in ten,
# arrive only with the second run: stamped before the latest row the first run stored,
# inside the window the second run reads (LOOKBACK_DAYS before that latest row).
LATE_DAYS = 4
COMPARED = ["fct_customer_engagement", "fct_customer_indicator_scores", "dim_customer_engagement"]
# Run 1: only what the scoring marts need, no tests: the point is the incremental state.
FIRST_RUN = ["build", "--exclude-resource-type", "test", "unit_test", "--select", *(f"+{m}" for m in COMPARED)]
# Run 2: everything, and the data tests of what only an incremental run leaves
# (second_run_excludes); no unit test (test_cross_engine.py, "Which tests run where"). Every seed
# is reloaded (the static ones as they were): excluding a seed would also leave out its tests
# (dbt's indirect selection).
SECOND_RUN = ["build", "--exclude-resource-type", "unit_test"]
PARTITIONED = "int_indicator_contributions"
# The incremental base models of the event tables, by their timestamp; on Spark
# partitioned by its month (macros/cross_db/incremental_by_raw_row_key.sql).
BASE_MODELS = {
    "base_product__usage_events": "occurred_at",
    "base_marketing__email_events": "occurred_at",
    "base_crm__deployments": "reported_at",
    "base_survey__invitations": "sent_at",
    "base_survey__responses": "responded_at",
}


@dataclasses.dataclass
class SparkTwoRuns:
    """The Spark warehouse after the two runs, and what the first run left."""

    spark: Spark
    partitions_before: dict  # as_of_date -> parquet files of PARTITIONED after run 1
    months_before: dict  # base model -> {month -> parquet files} after run 1
    windows: dict  # base model -> (window start, its month) run 2 reads from
    late_rows: int  # rows held back from run 1 although stamped before its cutoff
    planted: list  # [base model, month] of conftest.plant_earlier_versions
    seconds: dict  # run -> wall seconds


def _timestamp(text):
    try:
        return datetime.datetime.fromisoformat(text.strip())
    except ValueError:
        return None


def _records(path):
    """(header, header text, [(fields, raw text)]): each record with its exact text, quotes and all."""
    with open(path, newline="") as handle:
        consumed = []

        def lines():
            for line in handle:
                consumed.append(line)
                yield line

        reader = csv.reader(lines())
        header = next(reader)
        header_text = "".join(consumed)
        consumed.clear()
        records = []
        for fields in reader:
            records.append((fields, "".join(consumed)))
            consumed.clear()
        return header, header_text, records


def _write_seeds(source_seeds, project, cutoff):
    """The growing seeds of `source_seeds` as a loader would have had them at `cutoff`, into
    `project`: rows stamped later are held back (as in test_incremental, far-future rows and
    rows without a readable timestamp are there from the start), and so are a tenth of the
    LATE tables' rows stamped in the LATE_DAYS before the cutoff. Kept rows are copied as
    they are in the CSV. Returns the number of late rows held back."""
    cutoff = datetime.datetime.fromisoformat(cutoff)
    late_start = cutoff - datetime.timedelta(days=LATE_DAYS)
    late_rows = 0
    for table, ts_column in GROWING.items():
        source, name = table.removeprefix("landing_").split(".")
        header, header_text, records = _records(source_seeds / source / f"{name}.csv")
        ts_index = header.index(ts_column)
        key_index = header.index(LATE[table]) if table in LATE else None
        kept = []
        for fields, text in records:
            stamp = _timestamp(fields[ts_index]) if len(fields) > ts_index else None
            held = stamp is not None and cutoff < stamp < datetime.datetime(2027, 1, 1)
            late = (key_index is not None and stamp is not None and late_start < stamp <= cutoff
                    and zlib.crc32(fields[key_index].encode()) % 10 == 0)
            late_rows += late
            if not held and not late:
                kept.append(text)
        (project / "seeds" / "demo" / source / f"{name}.csv").write_text(header_text + "".join(kept))
    return late_rows


def second_run_excludes(manifest_file):
    """The data tests run 2 leaves out (`--exclude` arguments), from run 1's manifest: those
    of models that are not incremental, whose rows are the same on every engine's full build,
    and those of the tables test_cross_engine.py compares row by row (TABLES). The DuckDB build
    of the same set (conftest.generated_warehouse) runs every data test, and the comparison holds
    Spark's marts and data-quality tables to its rows. What is left checks the state only
    Spark's incremental run leaves: the tables it merged into or overwrote partitions of."""
    manifest = json.loads(Path(manifest_file).read_text())
    nodes = manifest["nodes"]
    incremental = {uid for uid, node in nodes.items()
                   if node["resource_type"] == "model" and node["config"]["materialized"] == "incremental"}
    compared = {uid for uid, node in nodes.items()
                if node["resource_type"] == "model" and node["name"] in {table for _, table in TABLES}}
    excluded = sorted(node["name"] for node in nodes.values() if node["resource_type"] == "test" and (
        not set(node["depends_on"]["nodes"]) & incremental or set(node["depends_on"]["nodes"]) <= compared))
    return ["--exclude", *excluded] if excluded else []


def build_in_two_runs(generated_project, workdir):
    """The generated project built on Spark in two runs (the module docstring), in `workdir`."""
    spark = Spark(workdir)
    spark.check_available()
    project = workdir / "project"
    shutil.copytree(generated_project, project, symlinks=True, ignore=shutil.ignore_patterns("target", "logs"))
    source_seeds = Path(generated_project) / "seeds" / "demo"
    seconds = {}

    def run(name, args):
        started = time.monotonic()
        run_dbt(args, workdir / "unused.duckdb", env_extra=spark.env(), project_dir=project,
                target_path=workdir / f"target_{name}")
        seconds[name] = round(time.monotonic() - started)

    late_rows = _write_seeds(source_seeds, project, FIRST_CUTOFF)
    run("first", FIRST_RUN)
    months_before = {table: _month_partitions(spark, table) for table in BASE_MODELS}
    windows = {table: _window_month(spark, table, ts) for table, ts in BASE_MODELS.items() if months_before[table]}
    partitions_before = _partitions(spark)
    for table in GROWING:  # the whole set: the seeds as generated
        source, name = table.removeprefix("landing_").split(".")
        shutil.copy(source_seeds / source / f"{name}.csv", project / "seeds" / "demo" / source / f"{name}.csv")
    run("second", [*SECOND_RUN, *second_run_excludes(workdir / "target_first" / "manifest.json")])
    planted = json.loads((Path(generated_project).parent / PLANTED_FILE).read_text())
    return SparkTwoRuns(spark, partitions_before, months_before, windows, late_rows, planted, seconds)


def _partitions(spark):
    """as_of_date partition -> its parquet file names."""
    folder = spark.spark_dir / "warehouse" / f"{spark.schema}_intermediate.db" / PARTITIONED
    return {p.name.removeprefix("as_of_date="): sorted(f.name for f in p.glob("part-*"))
            for p in folder.glob("as_of_date=*")}


def _month_partitions(spark, table):
    """dq_partition_month partition -> its parquet file names."""
    folder = spark.spark_dir / "warehouse" / f"{spark.schema}_staging.db" / table
    return {p.name.removeprefix("dq_partition_month="): sorted(f.name for f in p.glob("part-*"))
            for p in folder.glob("dq_partition_month=*")}


def _read_base(spark, table, sql):
    """`sql` over a partitioned staging table's parquet files (the view `t`, its partition column included)."""
    import duckdb

    folder = spark.spark_dir / "warehouse" / f"{spark.schema}_staging.db" / table
    con = duckdb.connect()
    try:
        files = ", ".join("'" + str(p).replace("'", "''") + "'" for p in sorted(folder.glob("*/part-*")))
        con.execute(f"create view t as select * from read_parquet([{files}], hive_partitioning = true)")
        relation = con.sql(sql)
        return relation.columns, relation.fetchall()
    finally:
        con.close()


def _window_month(spark, table, ts):
    """The first day of the month of the window an incremental run reads
    (macros/staging/incremental_raw_rows.sql), as the partition's name."""
    _, rows = _read_base(spark, table, f"select cast(max({ts}) - interval {LOOKBACK_DAYS} day as varchar) "
                                       "from t where dq_disposition = 'kept'")
    window_start = rows[0][0]
    return window_start, window_start[:7] + "-01"


def _earlier_version_months(spark, table, ts, window_start, window_month):
    """The months before the window's month holding a row of a key that has a row the run read."""
    _, rows = _read_base(spark, table, f"""
        select distinct strftime({ts}, '%Y-%m-01') from t
        where {ts} < '{window_month}' and dq_row_key in (
            select dq_row_key from t where {ts} >= '{window_start}' or {ts} is null
        )""")
    return {r[0] for r in rows}


def _scored_dates(spark):
    import duckdb

    folder = spark.spark_dir / "warehouse" / f"{spark.schema}_intermediate.db" / "int_scoring_as_of_dates"
    con = duckdb.connect()
    try:
        rows = con.sql("select distinct cast(as_of_date as varchar) from read_parquet(?)",
                       params=[sorted(str(p) for p in folder.glob("part-*"))]).fetchall()
    finally:
        con.close()
    return {r[0] for r in rows}


def test_spark_incremental_run_equals_a_full_build(spark_generated_build, generated_warehouse):
    runs = spark_generated_build
    spark = runs.spark
    before = runs.partitions_before
    assert before, f"{PARTITIONED} is not partitioned by as_of_date on Spark"
    for table, months in runs.months_before.items():
        assert months, f"{table} is not partitioned by dq_partition_month on Spark"
    assert runs.late_rows, "no row arrived late: the sequence tests nothing"

    after = _partitions(spark)
    scored = _scored_dates(spark)
    # exactly the scored dates: new ones added, stale ones (the first run's T) dropped
    assert set(after) == scored, (sorted(set(after) - scored), sorted(scored - set(after)))
    assert set(before) - scored, "no as-of date went stale: the sequence tests nothing"
    # dates before the lookback window were not rewritten (same files): the run was incremental.
    # After a pause (the first run's T, Oct 5, is more than a day before the second's) the window
    # starts at the day after the first run's T, minus the lookback (macro incremental_lookback_start).
    day_after_first_run = datetime.date.fromisoformat(max(before)) + datetime.timedelta(days=1)
    window_start = (min(datetime.date.fromisoformat(max(scored)), day_after_first_run)
                    - datetime.timedelta(days=LOOKBACK_DAYS)).isoformat()
    kept = [d for d in scored if d < window_start and d in before]
    assert kept, "no as-of date before the lookback window: the sequence tests nothing"
    rewritten = [d for d in kept if after[d] != before[d]]
    assert not rewritten, f"partitions outside the lookback window rewritten (a full rebuild?): {rewritten}"

    # the base models of the event tables: the window's months rewritten, older ones
    # only where an earlier version of a key read was brought back
    untouched, old_rewritten = 0, set()
    for table, ts in BASE_MODELS.items():
        window_start, window_month = runs.windows[table]
        months = _month_partitions(spark, table)
        previous = runs.months_before[table]
        assert set(previous) <= set(months), (table, sorted(set(previous) - set(months)))
        rewritten = {m for m in previous if months[m] != previous[m]}
        recent = {m for m in previous if m >= window_month}  # the null month's folder sorts after any date
        assert recent, f"{table}: no month from the window's on"
        assert recent <= rewritten, f"{table}: months of the window not rewritten: {sorted(recent - rewritten)}"
        expected_old = _earlier_version_months(spark, table, ts, window_start, window_month)
        assert rewritten - recent == expected_old, (
            f"{table}: months before the window rewritten {sorted(rewritten - recent)}, "
            f"expected those of the earlier versions brought back {sorted(expected_old)}")
        untouched += len(set(previous) - rewritten)
        old_rewritten |= {(table, m) for m in expected_old}
        # every row in the partition of its timestamp's month
        _, misplaced = _read_base(spark, table, f"select count(*) from t where dq_partition_month is distinct from "
                                                f"cast(date_trunc('month', {ts}) as date)")
        assert misplaced == [(0,)], (table, misplaced)
    assert untouched, "no month kept its files: the base models were rebuilt in full"
    assert {tuple(p) for p in runs.planted} <= old_rewritten, (
        f"the planted earlier versions were not brought back: {sorted(old_rewritten)}")

    # the base models equal the full DuckDB build's row for row (the marts and the data-quality
    # tables: test_cross_engine.py, on this same warehouse)
    for table in BASE_MODELS:
        ref_columns = [r[0] for r in query(generated_warehouse, "select column_name from information_schema.columns "
                                                                f"where table_schema = 'main_staging' and table_name = "
                                                                f"'{table}' order by ordinal_position")]
        columns, rows = _read_base(spark, table, f"select {', '.join(ref_columns)} from t")
        expected = collections.Counter(tuple(normalize(v) for v in row)
                                       for row in query(generated_warehouse, f"select * from main_staging.{table}"))
        found = collections.Counter(tuple(normalize(v) for v in row) for row in rows)
        assert found == expected, (f"{table}: rows differ from the full DuckDB build", ref_columns,
                                   list((found - expected).items())[:5], list((expected - found).items())[:5])


def test_the_second_run_tests_what_only_an_incremental_run_leaves(spark_generated_build):
    """Run 2 ran the data tests of every incremental model that has one (second_run_excludes),
    none whose parents are all tables test_cross_engine.py compares, no unit test, and each
    data test passed."""
    workdir = spark_generated_build.spark.workdir
    nodes = json.loads((workdir / "target_second" / "manifest.json").read_text())["nodes"]
    results = json.loads((workdir / "target_second" / "run_results.json").read_text())["results"]
    incremental = {uid for uid, node in nodes.items()
                   if node["resource_type"] == "model" and node["config"]["materialized"] == "incremental"}
    compared = {table for _, table in TABLES}
    assert not [r["unique_id"] for r in results if r["unique_id"].startswith("unit_test.")]
    ran = [r for r in results if r["unique_id"].startswith("test.")]
    assert ran and all(r["status"] in ("pass", "warn") for r in ran), [r["unique_id"] for r in ran
                                                                        if r["status"] not in ("pass", "warn")]
    tested = set()
    for result in ran:
        parents = set(nodes[result["unique_id"]]["depends_on"]["nodes"])
        assert parents & incremental, f"{result['unique_id']} tests no incremental model"
        assert not {nodes[p]["name"] if p in nodes else p for p in parents} <= compared, (
            f"{result['unique_id']} tests a compared table")
        tested |= parents & incremental
    with_tests = {p for node in nodes.values() if node["resource_type"] == "test"
                  for p in node["depends_on"]["nodes"] if p in incremental}
    assert tested == with_tests, sorted(with_tests - tested)
