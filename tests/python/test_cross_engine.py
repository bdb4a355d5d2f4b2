"""One SQL code base, three engines, equal scores.

Builds a data set on each other engine (`dbt build` with the profile's
`postgres` or `spark` target; which data and unit tests each build runs is below) and
compares every mart, and the data-quality rejects, row by row with the DuckDB
build of the same data: identical keys, bands and texts; numbers equal within 1e-6.

An engine that cannot be reached is skipped with the reason, except under CI
(CI=true), where `scripts/run_tests.sh` starts it and a missing engine fails.
ENGAGEMENT_TEST_ENGINES (space-separated, default every engine) narrows the list.

Two data sets: the shipped demo, and a generated one larger than the demo
(conftest.GENERATED_ACCOUNTS accounts, with the same kinds of planted defects),
where customers tie on raw values that each engine sums in its own order
(docs/scoring.md, "Same data, same scores"). Postgres builds both. Spark builds
only the generated one, in two runs that leave one warehouse for every Spark
check but the bad-input one (conftest.spark_generated_build,
test_incremental_spark.build_in_two_runs): the scoring lineage at Oct 5 without
tests, then the whole `dbt build` on the whole set, incremental, with the data
tests of the incremental models; its marts are compared here with the DuckDB full build, so Spark's
incremental run must equal a full build on every mart, and
test_incremental_spark.py checks what that run rewrote. Spark's demo build
(about 11 minutes, 587 data tests one Spark query each) would prove nothing the
generated build does not: the SQL is the same and the generated set has the
demo's defect kinds and more rows; the demo's data on Spark is still built by
test_bad_input.py::test_spark_unreadable_raw_values_are_rejected_not_fatal (the
demo landed as text: staging and data quality). ENGAGEMENT_TEST_DATASETS
(space-separated) makes every engine build exactly the data sets it lists (a
Spark build of the demo is one whole `dbt build`).
Which tests run where. The unit tests read no seed: DuckDB runs them in both tiers
and Postgres in its demo build. Spark runs none: a unit test costs Spark about 2 CPU
seconds against DuckDB's tenth (107 of the JVM's CPU seconds for the 55), and
Spark's SQL is held here to DuckDB's on every mart and data-quality table of a
generated set with the demo's defect kinds and ties, built incrementally. Every data
test runs on DuckDB on every data set; on Postgres in the demo's build; on Spark those
of the incremental models (the state only an incremental run leaves) but of the
tables compared here. A generated set's data tests would check again, on the other
engine, rows this comparison holds equal to DuckDB's or that feed them.
On Postgres every data set's large seeds are loaded by COPY
(Postgres.copy_large_seeds): dbt's seed inserts cost minutes.
"""
import datetime
import decimal
import json
import math
import os
import shutil
import uuid

import pytest

from conftest import BOOKKEEPING_COLUMNS, PROJECT_DIR, query, run_dbt

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")

# (schema suffix, table) -> the columns that identify a row.
TABLES = {
    ("marts", "fct_customer_engagement"): ["account_id", "as_of_date"],
    ("marts", "fct_customer_indicator_scores"): ["account_id", "as_of_date", "indicator"],
    ("marts", "dim_customer_engagement"): ["account_id"],
    ("marts", "fct_account_hierarchy_engagement"): ["account_id", "as_of_date"],
    ("marts", "fct_manager_engagement"): ["manager_id", "scope", "as_of_date"],
    ("marts", "fct_book_of_business_engagement"): ["breakdown", "breakdown_value", "as_of_date"],
    ("marts", "fct_book_of_business_kpis"): ["rollup_type", "breakdown", "breakdown_value", "as_of_date", "metric"],
    ("marts", "dim_engagement_indicators"): ["indicator"],
    ("marts", "fct_score_backtest"): [
        "score_kind", "score_name", "outcome", "horizon_days", "is_pooled", "as_of_date", "segment",
    ],
    ("marts", "fct_score_backtest_bins"): [
        "score_kind", "score_name", "horizon_days", "is_pooled", "as_of_date", "segment", "bin_type", "bin",
    ],
    ("data_quality", "dq_rejected_rows"): ["rejected_row_id"],
    ("data_quality", "dq_manual_overrides"): ["override_row_number"],
}
ABS_TOLERANCE = 1e-6
# The JVM flags of every Spark the tests start. A test run's JVM lives a few minutes and runs
# hundreds of small queries, so compiling Spark's code paths costs more than running them: with
# the optimising compiler (C2) the compiler threads took 92 of the JVM's 214 CPU seconds in the
# first run of the generated set (CONTRIBUTING.md, "Test tiers"). The quick compiler only, a code
# cache that is never swept, and the serial collector: 148 CPU seconds. Results do not depend on
# them; a long Spark job would want C2, so the profile's default leaves them out.
SPARK_TEST_JAVA_OPTIONS = "-XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=512m -XX:-UseCodeCacheFlushing -XX:+UseSerialGC"
# Generated seeds of this many rows or more are loaded by COPY on Postgres (Postgres.copy_large_seeds).
COPY_SEEDS_FROM_ROWS = 1000
# The backtest stores scores at 6 decimals (macro score_for_ranking) so that equal
# scores tie on every engine; where two engines' last bits fall either side of a
# rounding edge, the stored values differ by one unit of the 6th decimal, which a
# float difference can put a hair above 1e-6.
ROUNDING_UNIT_TOLERANCE = 1e-6 * 1.5


def unavailable(reason):
    """Skip, or fail under CI, where every engine must run."""
    if IN_CI:
        pytest.fail(f"CI=true but the engine is not available: {reason}")
    pytest.skip(reason)


def normalize(value):
    """Engine-neutral Python value: numbers as float, dates and times as ISO text."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, (int, float, decimal.Decimal)):
        return float(value)
    if isinstance(value, datetime.datetime):
        return value.replace(tzinfo=None).isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def values_equal(left, right, tolerance=ABS_TOLERANCE):
    if isinstance(left, float) and isinstance(right, float):
        return math.isclose(left, right, rel_tol=1e-9, abs_tol=tolerance)
    return left == right


# --- engines ---------------------------------------------------------------


class Postgres:
    """The `postgres` target; the server is whatever ENGAGEMENT_POSTGRES_* point at
    (scripts/postgres_server.sh start gives a throwaway one)."""

    name = "postgres"

    def __init__(self, workdir):
        self.workdir = workdir
        # A schema of its own, so the test never touches a user's builds.
        self.schema = f"xengine_{uuid.uuid4().hex[:8]}"
        self.settings = dict(
            host=os.environ.get("ENGAGEMENT_POSTGRES_HOST", "127.0.0.1"),
            port=int(os.environ.get("ENGAGEMENT_POSTGRES_PORT", "5432")),
            user=os.environ.get("ENGAGEMENT_POSTGRES_USER", "postgres"),
            password=os.environ.get("ENGAGEMENT_POSTGRES_PASSWORD", "postgres"),
            dbname=os.environ.get("ENGAGEMENT_POSTGRES_DBNAME", "engagement"),
        )

    def check_available(self):
        try:
            import psycopg2
        except ImportError as error:
            unavailable(f"dbt-postgres is not installed: {error}")
        try:
            psycopg2.connect(connect_timeout=5, **self.settings).close()
        except psycopg2.Error as error:
            unavailable(
                f"no PostgreSQL at {self.settings['host']}:{self.settings['port']} "
                f"(start one with `bash scripts/postgres_server.sh start`): {str(error).strip()}"
            )

    def env(self):
        return {"ENGAGEMENT_TARGET": "postgres", "ENGAGEMENT_POSTGRES_SCHEMA": self.schema}

    def build(self, project_dir=None, select=()):
        """`dbt build` of the demo (project_dir None) or a generated set, its large seeds loaded
        by COPY. The demo's build runs every data and unit test on Postgres. A generated set's
        build is the models alone: the unit tests read no seed, and its data tests run on the
        DuckDB build of the same set, whose tables the comparison then holds these to. `select`:
        only these models and what they read (a test that reads a few tables)."""
        self.copy_large_seeds(project_dir or PROJECT_DIR)
        excluded = ["seed"] + ([] if project_dir is None else ["unit_test", "test"])
        selected = ["--select", *(f"+{model}" for model in select)] if select else []
        return run_dbt(["build", "--exclude-resource-type", *excluded, *selected], self.workdir / "unused.duckdb",
                       env_extra=self.env(), project_dir=project_dir)

    def copy_large_seeds(self, project_dir):
        """Seed a data set: `dbt seed` loads a CSV through agate and batched inserts at
        about 1,000 rows/s here (the demo's 141,000 seed rows took 156 s, most of its
        build), so the large CSVs are seeded with their first row only, which creates each
        table with the types its seed YAML declares, then filled by COPY. The seed tables end
        up holding exactly the CSV's rows (CSV nulls are empty fields both ways); the small
        seeds (the registry, the rules, the small raw tables) still go through `dbt seed`."""
        import psycopg2

        stub = self.workdir / "seed_stub"
        shutil.copytree(project_dir, stub, symlinks=True, ignore=shutil.ignore_patterns(
            ".venv", ".git", "warehouse", "target", "logs", "benchmarks", "*.duckdb", "__pycache__", ".pytest_cache"))
        large = []
        for csv_file in sorted((stub / "seeds").rglob("*.csv")):
            with open(csv_file) as f:
                header, first = f.readline(), f.readline()
                more_rows = sum(1 for _ in f)
            if more_rows >= COPY_SEEDS_FROM_ROWS:
                csv_file.write_text(header + first)
                large.append(csv_file.relative_to(stub))
        target_path = self.workdir / "seed_stub_target"
        run_dbt(["seed"], self.workdir / "unused.duckdb", env_extra=self.env(), project_dir=stub,
                target_path=target_path)
        manifest = json.loads((target_path / "manifest.json").read_text())
        relations = {node["original_file_path"]: (node["schema"], node["alias"])
                     for node in manifest["nodes"].values() if node["resource_type"] == "seed"}
        with psycopg2.connect(**self.settings) as con, con.cursor() as cur:
            for path in large:
                schema, table = relations[str(path)]
                cur.execute(f'truncate table "{schema}"."{table}"')
                with open(project_dir / path) as f:
                    cur.copy_expert(f'copy "{schema}"."{table}" from stdin with (format csv, header true)', f)
        shutil.rmtree(stub, ignore_errors=True)

    def fetch(self, suffix, table):
        import psycopg2

        with psycopg2.connect(**self.settings) as con, con.cursor() as cur:
            cur.execute(f"select * from {self.schema}_{suffix}.{table}")
            return [d.name for d in cur.description], cur.fetchall()

    def cleanup(self):
        import psycopg2

        con = psycopg2.connect(**self.settings)
        try:
            con.autocommit = True
            with con.cursor() as cur:
                cur.execute(
                    "select nspname from pg_namespace where nspname = %s or nspname like %s",
                    (self.schema, self.schema + "\\_%"),
                )
                for (schema,) in cur.fetchall():
                    cur.execute(f'drop schema "{schema}" cascade')
        finally:
            con.close()


class Spark:
    """The `spark` target: dbt-spark's session method, Spark inside the dbt process,
    with its warehouse and metastore in a temporary folder. The tables are plain
    parquet files, which DuckDB reads back (no second Spark needed to compare)."""

    name = "spark"

    def __init__(self, workdir):
        self.workdir = workdir
        self.spark_dir = workdir / "spark"
        self.schema = "engagement"

    def check_available(self):
        try:
            import dbt.adapters.spark  # noqa: F401
            import pyspark  # noqa: F401
        except ImportError as error:
            unavailable(f"dbt-spark[session] / pyspark are not installed: {error}")
        if not (shutil.which("java") or os.environ.get("JAVA_HOME")):
            unavailable("no Java on PATH nor JAVA_HOME: Spark needs Java 17")

    def env(self):
        return {
            "ENGAGEMENT_TARGET": "spark",
            "ENGAGEMENT_SPARK_DIR": str(self.spark_dir),
            "ENGAGEMENT_SPARK_SCHEMA": self.schema,
            "ENGAGEMENT_SPARK_JAVA_OPTIONS": SPARK_TEST_JAVA_OPTIONS,
        }

    def build(self, project_dir=None):
        # the whole build, unit tests included, for a data set ENGAGEMENT_TEST_DATASETS adds
        # (by default Spark builds the generated set only, in conftest.spark_generated_build)
        return run_dbt(["build"], self.workdir / "unused.duckdb", env_extra=self.env(),
                       project_dir=project_dir)

    def fetch(self, suffix, table):
        import duckdb

        folder = self.spark_dir / "warehouse" / f"{self.schema}_{suffix}.db" / table
        files = sorted(str(p) for p in folder.glob("part-*"))
        assert files, f"no parquet files in {folder}"
        con = duckdb.connect()
        try:
            relation = con.sql("select * from read_parquet(?)", params=[files])
            return relation.columns, relation.fetchall()
        finally:
            con.close()

    def cleanup(self):
        pass


ENGINES = {"postgres": Postgres, "spark": Spark}
# ENGAGEMENT_TEST_ENGINES narrows the engines compared (space-separated); default all.
SELECTED = os.environ.get("ENGAGEMENT_TEST_ENGINES", " ".join(ENGINES)).split()
DATASETS = ("demo", "generated")
# The data sets each engine builds by default (see the module docstring: the Spark demo
# build is covered by the generated one plus the Spark incremental and bad-input tests).
DATASETS_BY_ENGINE = {"postgres": ("demo", "generated"), "spark": ("generated",)}
# ENGAGEMENT_TEST_DATASETS (space-separated) overrides it: every engine builds those.
SELECTED_DATASETS = os.environ.get("ENGAGEMENT_TEST_DATASETS")
BUILDS = [(e, d) for e in sorted(ENGINES) if e in SELECTED for d in DATASETS
          if d in (SELECTED_DATASETS.split() if SELECTED_DATASETS is not None else DATASETS_BY_ENGINE[e])]


@pytest.fixture(scope="module", params=BUILDS or [None], ids=lambda p: "-".join(p) if p else "none")
def engine_build(request, tmp_path_factory):
    """A data set built with `dbt build` on one engine (the tests it runs: the module's
    docstring, "Which tests run where"), and the DuckDB warehouse of the same data set to compare it with."""
    if request.param is None:
        pytest.skip("no engine or data set selected in ENGAGEMENT_TEST_ENGINES / ENGAGEMENT_TEST_DATASETS")
    engine_name, dataset = request.param
    if engine_name not in SELECTED:
        pytest.skip(f"{engine_name} not selected in ENGAGEMENT_TEST_ENGINES")
    if (engine_name, dataset) == ("spark", "generated"):
        # the full tier's one Spark warehouse, built in two runs, the second incremental with
        # the incremental models' data tests (conftest.spark_generated_build), shared with test_incremental_spark.py
        spark_build = request.getfixturevalue("spark_generated_build")
        yield spark_build.spark, request.getfixturevalue("generated_warehouse")
        return
    workdir = tmp_path_factory.mktemp(f"engine_{engine_name}_{dataset}")
    engine = ENGINES[engine_name](workdir)
    engine.check_available()
    project_dir = None if dataset == "demo" else request.getfixturevalue("generated_project_dir")
    try:
        engine.build(project_dir)
        # the DuckDB reference after the engine's build: under pytest-xdist another worker
        # (the determinism test, the other engine) may have built it meanwhile
        reference = request.getfixturevalue("demo_warehouse" if dataset == "demo" else "generated_warehouse")
        yield engine, reference
    finally:
        engine.cleanup()
        shutil.rmtree(workdir, ignore_errors=True)


def duckdb_rows(warehouse, suffix, table):
    columns = [r[0] for r in query(
        warehouse,
        "select column_name from information_schema.columns "
        "where table_schema = ? and table_name = ? order by ordinal_position",
        [f"main_{suffix}", table],
    )]
    return columns, query(warehouse, f"select * from main_{suffix}.{table}")


def keyed(columns, rows, key_columns, label):
    positions = [columns.index(k) for k in key_columns]
    out = {}
    for row in rows:
        values = [normalize(v) for v in row]
        key = tuple(values[p] for p in positions)
        assert key not in out, f"{label}: duplicate key {key}"
        out[key] = dict(zip(columns, values))
    return out


@pytest.mark.parametrize("suffix, table", list(TABLES), ids=[t for _, t in TABLES])
def test_engine_marts_equal_duckdb(engine_build, suffix, table):
    engine_build, reference_warehouse = engine_build
    key_columns = TABLES[(suffix, table)]
    expected_columns, expected_rows = duckdb_rows(reference_warehouse, suffix, table)
    columns, rows = engine_build.fetch(suffix, table)
    columns = [c.lower() for c in columns]
    assert columns == expected_columns, f"{engine_build.name}: columns of {table} differ from DuckDB's"

    expected = keyed(expected_columns, expected_rows, key_columns, f"duckdb {table}")
    actual = keyed(columns, rows, key_columns, f"{engine_build.name} {table}")
    missing = sorted(set(expected) - set(actual), key=str)
    extra = sorted(set(actual) - set(expected), key=str)
    assert not missing and not extra, (
        f"{engine_build.name} {table}: {len(missing)} rows only on DuckDB (e.g. {missing[:3]}), "
        f"{len(extra)} only on {engine_build.name} (e.g. {extra[:3]})"
    )
    differences = []
    for key, expected_row in expected.items():
        for column, expected_value in expected_row.items():
            if column in BOOKKEEPING_COLUMNS:  # compared for presence (the column lists), not value
                continue
            actual_value = actual[key][column]
            tolerance = ROUNDING_UNIT_TOLERANCE if column in ("min_score", "max_score") else ABS_TOLERANCE
            if not values_equal(expected_value, actual_value, tolerance):
                differences.append((key, column, expected_value, actual_value))
    assert not differences, (
        f"{engine_build.name} {table}: {len(differences)} values differ from DuckDB's; first ones "
        "(key, column, duckdb, engine):\n" + "\n".join(map(str, differences[:15]))
    )


# Runs on the Postgres demo build above, after its marts were compared (pytest runs the tests
# of one engine_build parameter together, in the order of this file; were it to run first, its
# second build would change the marts and their comparison would fail, not pass).
@pytest.mark.parametrize("engine_build", [("postgres", "demo")], indirect=True, ids=["postgres-demo"])
def test_a_manager_change_on_postgres(engine_build):
    """test_book_kpis.py's manager change, on Postgres: after a manager change in the landed
    CRM and a build at a later as-of date, the customer is in the new manager's book only from
    the change on. It reuses the demo's Postgres build (seeds and snapshot taken), so it costs
    one more build instead of two with their own seeds."""
    from test_book_kpis import BUILD, check_books_follow_the_change, manager_change_dates, pick_manager_change

    engine, _ = engine_build
    import psycopg2

    def fetch(sql):
        with psycopg2.connect(**engine.settings) as con, con.cursor() as cur:
            cur.execute(sql.format(m=f"{engine.schema}_marts"))
            return cur.fetchall()

    account_id, old_manager, new_manager = pick_manager_change(fetch(
        "select account_id, manager_id from {m}.dim_customer_engagement order by account_id"))
    con = psycopg2.connect(**engine.settings)
    con.autocommit = True
    try:
        with con.cursor() as cur:
            cur.execute(f"update {engine.schema}_demo_crm.accounts set manager_id = %s where account_id = %s",
                        (new_manager, account_id))
    finally:
        con.close()
    today, as_of = manager_change_dates()
    run_dbt([*BUILD, "--exclude-resource-type", "seed", "--vars", f"{{engagement__as_of_date: '{as_of}'}}"],
            engine.workdir / "unused.duckdb", env_extra=engine.env())
    versions = fetch(f"select count(*) from {engine.schema}_demo_snapshots.snap_crm__accounts "
                     f"where account_id = '{account_id}'")
    assert versions[0][0] == 2
    check_books_follow_the_change(fetch, account_id, old_manager, new_manager, today)


def test_postgres_unreadable_raw_values_are_rejected_not_fatal(tmp_path):
    """On Postgres a cast raises on a bad value; the project's safe cast must turn
    it into null so that staging rejects the row, as DuckDB and Spark do."""
    import csv

    engine = Postgres(tmp_path)
    engine.check_available()
    import psycopg2

    demo = PROJECT_DIR / "seeds" / "demo"
    con = psycopg2.connect(**engine.settings)
    con.autocommit = True
    try:
        with con.cursor() as cur:
            landing = {}
            for source_dir in sorted(p for p in demo.iterdir() if p.is_dir()):
                schema = landing[source_dir.name] = f"{engine.schema}_landing_{source_dir.name}"
                cur.execute(f"create schema {schema}")
                for csv_file in sorted(source_dir.glob("*.csv")):
                    with csv_file.open(newline="") as handle:
                        header = next(csv.reader(handle))
                    columns = ", ".join(f"{column} text" for column in header)
                    cur.execute(f"create table {schema}.{csv_file.stem} ({columns})")
                    with csv_file.open() as handle:
                        cur.copy_expert(f"copy {schema}.{csv_file.stem} from stdin with (format csv, header true)", handle)
            cur.execute(f"update {landing['crm']}.accounts set customer_since = 'not a date', "
                        "annual_contract_value = 'lots' where account_id = 'ACC-00002'")
            # well-formed but impossible: Postgres' own cast raises on these
            cur.execute(f"update {landing['crm']}.accounts set customer_since = '2025-02-30' "
                        "where account_id = 'ACC-00003'")
            cur.execute(f"update {landing['crm']}.activities set occurred_at = '2025-04-31 10:00:00' "
                        f"where activity_id = (select min(activity_id) from {landing['crm']}.activities)")
            cur.execute(f"update {landing['crm']}.opportunities set amount = '1e999999' "
                        f"where opportunity_id = (select min(opportunity_id) from {landing['crm']}.opportunities)")
            cur.execute(f"update {landing['survey']}.responses set score = 'ten' where response_id = 'RSP-000001'")
            cur.execute(f"update {landing['crm']}.licenses set seats = '12 seats' "
                        f"where license_id = (select min(license_id) from {landing['crm']}.licenses)")
            # a reused event id (the first event kept) and a touchpoint before customer_since (flagged)
            usage = f"{landing['product']}.usage_events"
            for event_id, event_type, occurred_at in [("BAD-REUSED", "feature_use", "2026-01-05 09:00:00"),
                                                      ("BAD-REUSED", "login", "2026-01-01 08:00:00"),
                                                      ("BAD-PRECUSTOMER", "login", "1990-01-01 00:00:00")]:
                cur.execute(f"insert into {usage} (event_id, account_id, event_type, occurred_at) "
                            f"select '{event_id}', account_id, '{event_type}', '{occurred_at}' from {usage} "
                            f"where event_id = (select min(event_id) from {usage})")
        landing_vars = "{" + ", ".join(f"{s}_schema: {schema}" for s, schema in landing.items()) + "}"
        run_dbt(["run", "--select", "staging", "+int_hierarchy_cycles",
                 "+int_touchpoints_before_customer_since", "data_quality", "--exclude", "dq_indicator_health",
                 "dq_manual_overrides", "stg_overrides__manual_overrides", "--vars", landing_vars],
                tmp_path / "unused.duckdb", env_extra=engine.env())
        with con.cursor() as cur:
            cur.execute(f"select table_name, row_key, reason from {engine.schema}_data_quality.dq_rejected_rows "
                        "where (table_name, row_key) in (('accounts', 'ACC-00002'), ('accounts', 'ACC-00003'), "
                        "('responses', 'RSP-000001'), ('usage_events', 'BAD-REUSED')) "
                        "or (table_name = 'activities' and reason like 'unreadable%')")
            rejected = {(table, key): reason for table, key, reason in cur.fetchall()}
            cur.execute(f"select flag from {engine.schema}_data_quality.dq_flagged_values "
                        "where table_name = 'usage_events' and row_key = 'BAD-PRECUSTOMER'")
            pre_customer_flags = [flag for flag, in cur.fetchall()]
            cur.execute(f"select count(*) from {engine.schema}_staging.stg_crm__licenses where seats is null")
            licenses_without_seats = cur.fetchone()[0]
    finally:
        con.close()
        engine.cleanup()
    assert rejected[("accounts", "ACC-00002")] == "unreadable_value: customer_since = 'not a date' is not a date"
    assert rejected[("accounts", "ACC-00003")] == "unreadable_value: customer_since = '2025-02-30' is not a date"
    assert rejected[("responses", "RSP-000001")] == "unreadable_value: score = 'ten' is not a numeric"
    assert "unreadable_value: occurred_at = '2025-04-31 10:00:00' is not a timestamp" in rejected.values()
    assert licenses_without_seats >= 1, "an unreadable optional value is read as null, the row kept"
    assert rejected[("usage_events", "BAD-REUSED")] == (
        "reused_key: event_id also names a different event; the one that occurred first was kept "
        "(occurred_at = 2026-01-01 08:00:00)")
    assert len(pre_customer_flags) == 1 and pre_customer_flags[0].startswith(
        "before_customer_since: occurred_at = 1990-01-01 is before the account customer_since = ")
