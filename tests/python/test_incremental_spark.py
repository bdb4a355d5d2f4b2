"""On Spark too, a sequence of incremental runs gives the scores of a full build,
and the runs are incremental: they rewrite only the partitions they recompute.

The Spark counterpart of test_incremental.py, kept small (Spark runs cost
minutes): a copy of the project whose demo seeds grow run by run, built on Spark
with only the models the compared marts need. A full build at Sep 27, then one
incremental run at Oct 5: across the month end, with rows dated inside the
lookback window arriving late. (One run, not test_incremental's sequence: a Spark
run costs minutes.) The marts must then equal a full DuckDB build of the same
seeds within the cross-engine tolerance, and the incremental base models of the
event tables must equal that build's row for row.

After the incremental run the scoring chain's table (int_indicator_contributions,
partitioned by as_of_date on Spark) must hold exactly the scored as-of dates, the
partitions of the as-of dates before the lookback window must keep their files
(not rewritten), and the dates no longer scored must be gone. The base models of
the event tables (partitioned by dq_partition_month on Spark) must have rewritten
the months from the window start's month on (and the rows without a timestamp),
and of the months before it exactly those holding an earlier version of a key the
run read; the others keep their files. A full rebuild in disguise fails that.
"""
import collections
import csv
import datetime
import shutil
import zlib

import pytest

from conftest import DEMO_SEEDS, PROJECT_DIR, query, run_dbt
from test_cross_engine import IN_CI, SELECTED, TABLES, Spark, normalize, values_equal
from test_incremental import FIRST_CUTOFF, GROWING, LATE, LATE_WINDOW

STEPS = ["2026-10-05 23:59:59"]

pytestmark = pytest.mark.skipif(
    "spark" not in SELECTED and not IN_CI, reason="ENGAGEMENT_TEST_ENGINES leaves Spark out"
)

LOOKBACK_DAYS = 7  # dbt_project.yml: engagement__incremental_lookback_days
COMPARED = ["fct_customer_engagement", "fct_customer_indicator_scores", "dim_customer_engagement"]
# Only what the compared marts need, no tests: the point is the incremental state.
BUILD = ["build", "--exclude-resource-type", "test", "unit_test", "--select", *(f"+{m}" for m in COMPARED)]
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
NO_MONTH = "__HIVE_DEFAULT_PARTITION__"  # Spark's folder for a null partition value
# Rows added to the seeds so that the incremental run brings back earlier versions
# from months before its window (the demo has none): (source, table) -> (rows there
# from the start, rows arriving with the incremental run).
PLANTED = {
    ("product", "usage_events"): (
        # an old rejected row (unknown event type) ...
        ["USE-PLANT-01,ACC-00061,USR-000308,api_call,,2025-03-10 10:00:00"],
        # ... whose key a valid event in the window then takes (kept; the old row's rank moves to 2),
        # and an old event's id reused by another event in the window (rejected as reused_key)
        ["USE-PLANT-01,ACC-00061,USR-000308,login,,2026-10-04 10:00:00",
         "USE-0000002,ACC-00268,USR-001422,login,,2026-10-04 11:00:00"],
    ),
    # a report of a deployment first reported in Jul 2025, stamped in the future (rejected; the
    # old one stays kept: a real update would change the scores of as-of dates before the
    # window, which the incremental scores recompute only at a full refresh)
    ("crm", "deployments"): ([], ["ACC-00001,core,6.3,2031-05-01 09:00:00"]),
}
GROWING_SEEDS = {table.split(".")[1] for table in GROWING}
# the seeds an incremental run leaves as they are (not reloaded)
STATIC_SEEDS = sorted(f"resource_type:seed,{p.stem}" for p in (PROJECT_DIR / "seeds").rglob("*.csv")
                      if p.stem not in GROWING_SEEDS)


def _timestamp(text):
    try:
        return datetime.datetime.fromisoformat(text.strip())
    except ValueError:
        return None


def _records(path):
    """(header, [(fields, raw text)]): each record with its exact text, quotes and all."""
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


def _write_seeds(project, cutoff, late_too):
    """The growing demo seeds as a loader would have them at `cutoff`: rows stamped
    later are held back (as in test_incremental, far-future rows and rows without a
    readable timestamp are there from the start), and so are the late rows unless
    `late_too`. Kept rows are copied as they are in the shipped CSV. The PLANTED rows
    are added (those arriving later with `late_too`)."""
    cutoff = datetime.datetime.fromisoformat(cutoff)
    late_start, late_end = (datetime.datetime.fromisoformat(d) for d in LATE_WINDOW)
    for table, ts_column in GROWING.items():
        source, name = table.removeprefix("landing_").split(".")
        header, header_text, records = _records(DEMO_SEEDS / source / f"{name}.csv")
        ts_index = header.index(ts_column)
        key_index = header.index(LATE[table]) if table in LATE else None
        kept = []
        for fields, text in records:
            stamp = _timestamp(fields[ts_index]) if len(fields) > ts_index else None
            held = stamp is not None and cutoff < stamp < datetime.datetime(2027, 1, 1)
            late = (key_index is not None and stamp is not None and late_start <= stamp < late_end
                    and zlib.crc32(fields[key_index].encode()) % 10 == 0)
            if not held and (late_too or not late):
                kept.append(text)
        first, later = PLANTED.get((source, name), ([], []))
        kept += [f"{row}\n" for row in first + (later if late_too else [])]
        (project / "seeds" / "demo" / source / f"{name}.csv").write_text(header_text + "".join(kept))


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


def test_spark_incremental_runs_equal_a_full_build(tmp_path):
    spark = Spark(tmp_path)
    spark.check_available()
    project = tmp_path / "project"
    shutil.copytree(
        PROJECT_DIR, project, symlinks=True,
        ignore=shutil.ignore_patterns(".venv", ".git", "warehouse", "target", "logs", "benchmarks", "*.duckdb",
                                      "__pycache__", ".pytest_cache"),
    )

    def build(args=()):
        run_dbt([*BUILD, *args], tmp_path / "unused.duckdb", env_extra=spark.env(), project_dir=project)

    _write_seeds(project, FIRST_CUTOFF, late_too=False)
    build()  # first run: a full build
    before = _partitions(spark)
    assert before, f"{PARTITIONED} is not partitioned by as_of_date on Spark"
    months_before = {table: _month_partitions(spark, table) for table in BASE_MODELS}
    for table, months in months_before.items():
        assert months, f"{table} is not partitioned by dq_partition_month on Spark"
    windows = {table: _window_month(spark, table, ts) for table, ts in BASE_MODELS.items()}

    went_stale = set()
    for cutoff in STEPS:
        _write_seeds(project, cutoff, late_too=True)
        build(["--exclude", *STATIC_SEEDS])  # the other seeds are as they were
        after = _partitions(spark)
        scored = _scored_dates(spark)
        # exactly the scored dates: new ones added, stale ones (yesterday's T) dropped
        assert set(after) == scored, (sorted(set(after) - scored), sorted(scored - set(after)))
        went_stale |= set(before) - scored
        # dates before the lookback window were not rewritten (same files): the run was incremental
        window_start = (datetime.date.fromisoformat(max(scored)) - datetime.timedelta(days=LOOKBACK_DAYS)).isoformat()
        kept = [d for d in scored if d < window_start and d in before]
        assert kept, "no as-of date before the lookback window: the sequence tests nothing"
        rewritten = [d for d in kept if after[d] != before[d]]
        assert not rewritten, f"partitions outside the lookback window rewritten (a full rebuild?): {rewritten}"
        before = after
    assert went_stale, "no as-of date went stale: the sequence tests nothing"

    # the base models of the event tables: the window's months rewritten, older ones
    # only where an earlier version of a key read was brought back
    untouched, old_rewritten = 0, set()
    for table, ts in BASE_MODELS.items():
        window_start, window_month = windows[table]
        months = _month_partitions(spark, table)
        previous = months_before[table]
        assert set(previous) <= set(months), (table, sorted(set(previous) - set(months)))
        rewritten = {m for m in previous if months[m] != previous[m]}
        recent = {m for m in previous if m >= window_month}  # NO_MONTH sorts after any date
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
    assert {("base_product__usage_events", "2024-11-01"), ("base_product__usage_events", "2025-03-01"),
            ("base_crm__deployments", "2025-07-01")} <= old_rewritten, (
        f"the planted earlier versions were not brought back: {sorted(old_rewritten)}")

    # the reference: a full DuckDB build of the same seeds
    reference = tmp_path / "reference" / "reference.duckdb"
    reference.parent.mkdir()
    run_dbt(BUILD, reference, project_dir=project)
    for table in COMPARED:
        keys = TABLES[("marts", table)]
        columns, rows = spark.fetch("marts", table)
        ref_columns = [r[0] for r in query(reference, "select column_name from information_schema.columns where "
                                                      f"table_schema = 'main_marts' and table_name = '{table}' "
                                                      "order by ordinal_position")]
        expected = {tuple(normalize(row[ref_columns.index(k)]) for k in keys): row
                    for row in query(reference, f"select * from main_marts.{table}")}
        found = {tuple(normalize(row[columns.index(k)]) for k in keys): row for row in rows}
        assert expected.keys() == found.keys(), f"{table}: different rows"
        for key, ref_row in expected.items():
            row = found[key]
            for column, value in zip(ref_columns, ref_row):
                left, right = normalize(value), normalize(row[columns.index(column)])
                assert values_equal(left, right), (table, key, column, left, right)
    for table in BASE_MODELS:
        ref_columns = [r[0] for r in query(reference, "select column_name from information_schema.columns where "
                                                      f"table_schema = 'main_staging' and table_name = '{table}' "
                                                      "order by ordinal_position")]
        columns, rows = _read_base(spark, table, f"select {', '.join(ref_columns)} from t")
        expected = collections.Counter(tuple(normalize(v) for v in row)
                                       for row in query(reference, f"select * from main_staging.{table}"))
        found = collections.Counter(tuple(normalize(v) for v in row) for row in rows)
        assert found == expected, (f"{table}: rows differ from the full DuckDB build", ref_columns,
                                   list((found - expected).items())[:5], list((expected - found).items())[:5])
