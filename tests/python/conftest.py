"""Shared fixtures: a demo warehouse built once per session, and a dbt runner.

The warehouse is the one `scripts/run_tests.sh` just built (ENGAGEMENT_TEST_WAREHOUSE),
or, when pytest runs alone, a fresh `dbt build` into a temporary directory.

Parallel runs (pytest-xdist, `-n 2 --dist loadgroup`, as scripts/run_tests.sh runs it):
the expensive session fixtures (the generated data set, its DuckDB build, the text-landing
baseline) are built once for all workers (built_once), and pytest_collection_modifyitems
puts the tests that share a module-scoped build in one xdist group, each engine's builds
in a group of their own, the longest groups first.
"""
import collections
import fcntl
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import pytest

import engagement_tools
# Columns that differ between any two builds of the same data (which dbt invocation a row
# was computed from): the comparisons of two builds leave them out. One list, the script's.
from engagement_tools.compare_warehouses import BOOKKEEPING_COLUMNS  # noqa: F401

PROJECT_DIR = Path(__file__).resolve().parents[2]
DBT = str(Path(sys.executable).with_name("dbt"))

# The tests import the project's tools as the installed package (pip install -e ., see
# CONTRIBUTING.md). An editable install made from another checkout would test that
# checkout's scripts: stop with the reason rather than pass on the wrong code.
if Path(engagement_tools.__file__).resolve().parent != PROJECT_DIR / "scripts":
    pytest.exit(f"engagement_tools is installed from {Path(engagement_tools.__file__).parent}, not from this "
                f"checkout ({PROJECT_DIR / 'scripts'}): run `python -m pip install -e .` here", returncode=4)


# The tests' DuckDB builds run dbt through dbt_shared_parse.py and start from a parse an
# earlier test saved (ENGAGEMENT_TEST_PARSE_CACHE, one folder per pytest run, shared by the
# xdist workers): see that file for why it is safe. Other engines run `dbt` itself.
SHARED_PARSE_DBT = [sys.executable, str(Path(__file__).with_name("dbt_shared_parse.py"))]
PARSE_CACHE_ENV = "ENGAGEMENT_TEST_PARSE_CACHE"
PARTIAL_PARSE = "partial_parse.msgpack"


def _saved_parse(project_dir, warehouse, args, env_extra):
    """The cache file for a parse of `project_dir` with these vars and env vars into a
    warehouse named like `warehouse` (dbt names the database after the file), or None."""
    cache = os.environ.get(PARSE_CACHE_ENV)
    if not cache:
        return None
    vars_text = args[args.index("--vars") + 1] if "--vars" in args else ""
    key = repr((str(project_dir), Path(warehouse).stem, vars_text, sorted((env_extra or {}).items())))
    return Path(cache) / f"{hashlib.sha256(key.encode()).hexdigest()}.msgpack"


def run_dbt(args, warehouse, *, check=True, target_path=None, env_extra=None, project_dir=None):
    """Run dbt against `warehouse` (a DuckDB file path; env_extra may pick another target);
    return the CompletedProcess. `project_dir` builds a copy of the project (generated_project)."""
    project_dir = Path(project_dir or PROJECT_DIR)
    env = dict(os.environ)
    env.update(
        DBT_PROFILES_DIR=str(project_dir),
        ENGAGEMENT_TARGET="duckdb",
        ENGAGEMENT_DUCKDB_PATH=str(warehouse),
        ENGAGEMENT_DUCKDB_TEMP_DIR=str(Path(warehouse).parent / "tmp"),
        DBT_SEND_ANONYMOUS_USAGE_STATS="false",
    )
    env.update(env_extra or {})
    target_path = Path(target_path or Path(warehouse).parent / "target")
    on_duckdb = env["ENGAGEMENT_TARGET"] == "duckdb"
    saved = _saved_parse(project_dir, warehouse, args, env_extra) if on_duckdb else None
    if saved and saved.exists():
        target_path.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(saved, target_path / PARTIAL_PARSE)
    started = time.time()
    dbt = SHARED_PARSE_DBT if on_duckdb else [DBT]
    cmd = [*dbt, *args, "--target-path", str(target_path), "--log-path", str(Path(warehouse).parent / "logs")]
    proc = subprocess.run(cmd, cwd=project_dir, env=env, capture_output=True, text=True)
    written = target_path / PARTIAL_PARSE
    if saved and proc.returncode == 0 and not saved.exists() and written.exists() \
            and written.stat().st_mtime >= started:  # parsed by this run, with these vars
        partial = saved.with_suffix(f".{os.getpid()}.part")
        shutil.copyfile(written, partial)
        os.replace(partial, saved)
    if check and proc.returncode != 0:
        raise AssertionError(f"dbt {' '.join(args)} failed:\n{proc.stdout[-6000:]}\n{proc.stderr[-3000:]}")
    return proc


def query(warehouse, sql, params=None):
    """All rows of a query, read-only (a reader must not keep the file's lock)."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


@pytest.fixture(scope="session")
def demo_warehouse(tmp_path_factory):
    """Path of a DuckDB warehouse built from the shipped demo data."""
    reused = os.environ.get("ENGAGEMENT_TEST_WAREHOUSE")
    if reused and Path(reused).exists():
        return Path(reused)
    def build(folder):
        warehouse = folder / "demo.duckdb"
        run_dbt(["build"], warehouse)
        return warehouse

    return built_once(tmp_path_factory, "demo", build)


@pytest.fixture
def scratch_warehouse(tmp_path):
    """A fresh, empty warehouse path for a test that builds its own variant."""
    yield tmp_path / "scratch.duckdb"
    shutil.rmtree(tmp_path, ignore_errors=True)


SOURCES = ("crm", "support", "survey", "marketing", "product")
DEMO_SEEDS = PROJECT_DIR / "seeds" / "demo"
# Every source pointed at its landing schema, and the manual overrides at a landed copy of the
# demo's (the demo's overrides seed loads only where the demo is read: issue #25).
LANDING_VARS = ("{" + ", ".join(f"{s}_schema: landing_{s}" for s in SOURCES)
                + ", engagement__overrides_schema: landing_overrides}")
OVERRIDES_SEED = PROJECT_DIR / "seeds" / "scoring" / "engagement_overrides.csv"


def load_landing_copy(warehouse, edit_sql=()):
    """Land the demo CSVs as all-text tables in landing_<source> schemas of a fresh
    warehouse, as a user's loader would (the manual overrides in landing_overrides),
    then run `edit_sql` statements on them.
    Build against them with --vars LANDING_VARS."""
    con = duckdb.connect(str(warehouse))
    try:
        for source_dir in sorted(p for p in DEMO_SEEDS.iterdir() if p.is_dir()):
            con.execute(f"create schema landing_{source_dir.name}")
            for csv_file in sorted(source_dir.glob("*.csv")):
                con.execute(
                    f"create table landing_{source_dir.name}.{csv_file.stem} as "
                    f"select * from read_csv('{csv_file}', header = true, all_varchar = true)"
                )
        con.execute("create schema landing_overrides")
        con.execute("create table landing_overrides.engagement_overrides as select * from "
                    f"read_csv('{OVERRIDES_SEED}', header = true, all_varchar = true)")
        for statement in edit_sql:
            con.execute(statement)
    finally:
        con.close()
    return LANDING_VARS


BUILD_WITHOUT_TESTS = ["build", "--exclude-resource-type", "test", "unit_test"]


def built_once(tmp_path_factory, name, build):
    """`build(folder)`'s result, built once per test session: under pytest-xdist each worker
    is a session of its own, so the first worker to ask builds it in a folder all workers
    share (under a file lock) and the others wait for it and reuse it."""
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return build(tmp_path_factory.mktemp(name))
    shared = tmp_path_factory.getbasetemp().parent  # the run's folder, parent of every worker's
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        done = shared / f"{name}.done"
        if done.exists():
            return Path(done.read_text())
        folder = shared / name
        shutil.rmtree(folder, ignore_errors=True)  # a worker's failed attempt
        folder.mkdir()
        result = build(folder)
        done.write_text(str(result))
        return result


@pytest.fixture(scope="session")
def parsed_target(tmp_path_factory):
    """The target folder of one `dbt parse` of the project (manifest.json, semantic_manifest.json),
    shared by the structure and semantic-layer tests. The warehouse file is named warehouse.duckdb:
    the manifest names the database after the file, as the mf test's copy of the demo is named."""
    def parse(folder):
        run_dbt(["parse"], folder / "warehouse.duckdb", target_path=folder / "target")
        return folder / "target"

    return built_once(tmp_path_factory, "parse", parse)


@pytest.fixture(scope="session")
def landing_baseline(tmp_path_factory):
    """A full build of the demo data landed as a user's loader would (all text)."""
    def build(folder):
        warehouse = folder / "baseline.duckdb"
        landing_vars = load_landing_copy(warehouse)
        run_dbt([*BUILD_WITHOUT_TESTS, "--vars", landing_vars], warehouse)
        return warehouse

    return built_once(tmp_path_factory, "baseline", build)


# --- generated data sets (scripts/generate_data.py, a scale preset) ----------

# Size of the generated data set the determinism and cross-engine tests use: larger
# than the demo (300 accounts), large enough that customers tie on raw values
# (equal recency-weighted sums reached in different orders), small enough that
# Spark builds it in a few minutes. Usage events are cut down: they are the
# largest table and no tie depends on them.
GENERATED_ACCOUNTS = 1000
GENERATED_USAGE_EVENTS = 60_000


def generated_project(workdir, accounts=GENERATED_ACCOUNTS, usage_events=GENERATED_USAGE_EVENTS, preset="small"):
    """A copy of the project whose demo seeds are a generated data set, in `workdir`/project.
    Any engine builds it with `dbt build --project-dir <copy>`, exactly as it builds the demo.
    A preset with a planted truth (planted_churn) leaves it beside the copy: `workdir`/truth_<table>.csv."""
    workdir = Path(workdir)
    project = workdir / "project"
    shutil.copytree(
        PROJECT_DIR, project, symlinks=True,
        ignore=shutil.ignore_patterns(".venv", ".git", "warehouse", "target", "logs", "benchmarks", "*.duckdb",
                                      "__pycache__", ".pytest_cache", "demo"),
    )
    generated = workdir / "generated.duckdb"
    subprocess.run(
        [sys.executable, str(PROJECT_DIR / "scripts" / "generate_data.py"), "--preset", preset,
         "--warehouse", str(generated),
         "--accounts", str(accounts), "--usage-events", str(usage_events), "--threads", "1"],
        check=True, capture_output=True, text=True,
    )
    con = duckdb.connect(str(generated), read_only=True)
    try:
        for source_dir in sorted(p for p in DEMO_SEEDS.iterdir() if p.is_dir()):
            target = project / "seeds" / "demo" / source_dir.name
            target.mkdir(parents=True)
            # the demo's seed YAML: the same pinned column types as the demo's raw tables
            for seed_yaml in source_dir.glob("*.yml"):
                shutil.copy(seed_yaml, target / seed_yaml.name)
            for csv_file in sorted(source_dir.glob("*.csv")):
                con.execute(f"copy (select * from raw_{source_dir.name}.{csv_file.stem}) "
                            f"to '{target / csv_file.name}' (header, delimiter ',')")
        for (table,) in con.execute("select table_name from information_schema.tables "
                                    "where table_schema = 'truth'").fetchall():
            con.execute(f"copy truth.{table} to '{workdir / f'truth_{table}.csv'}' (header, delimiter ',')")
    finally:
        con.close()
    generated.unlink()
    return project


# The rows plant_earlier_versions adds (their months, for test_incremental_spark.py).
PLANTED_FILE = "planted_earlier_versions.json"


def _csv_rows(path):
    import csv

    with open(path, newline="") as handle:
        return list(csv.DictReader(handle))


def plant_earlier_versions(project):
    """Add to the generated set's seeds rows that bring back, in an incremental run late in
    October, earlier versions of keys stored months before the run's window (Spark's
    incremental check, test_incremental_spark.py: those months must be rewritten, and only
    those). Picked from the generated rows, so that every engine builds the same set:
    - usage_events: an old rejected row (unknown event type, Mar 2025) whose event id a valid
      login on Oct 20 then takes (kept; the old row's rank moves to 2), and the id of the
      oldest login reused by another account's login on Oct 20 (rejected as reused_key);
    - deployments: a report of a version first reported in 2025, stamped in 2031 (rejected:
      the old report stays kept; a real update would change the scores of as-of dates
      before the window, which incremental scoring recomputes only at a full refresh).
    Writes what it planted to `project`/../PLANTED_FILE and returns `project`."""
    import json

    seeds = Path(project) / "seeds" / "demo"
    usage_file, deployments_file = seeds / "product" / "usage_events.csv", seeds / "crm" / "deployments.csv"
    usage = _csv_rows(usage_file)
    id_counts = collections.Counter(r["event_id"] for r in usage)
    logins = [r for r in usage if r["event_type"] == "login" and id_counts[r["event_id"]] == 1
              and r["occurred_at"].startswith("2024-11")]
    oldest = min(logins, key=lambda r: (r["occurred_at"], r["event_id"]))
    other = next(r for r in logins if r["account_id"] != oldest["account_id"])
    deployments = _csv_rows(deployments_file)
    key_counts = collections.Counter((r["account_id"], r["product_module"], r["version"]) for r in deployments)
    reported = next(r for r in deployments if r["reported_at"].startswith("2025-07")
                    and key_counts[(r["account_id"], r["product_module"], r["version"])] == 1)
    account, user = oldest["account_id"], oldest["user_id"]
    with open(usage_file, "a") as handle:
        handle.write(f"USE-PLANT-01,{account},{user},api_call,,2025-03-10 10:00:00\n"
                     f"USE-PLANT-01,{account},{user},login,,2026-10-20 10:00:00\n"
                     f"{oldest['event_id']},{other['account_id']},{other['user_id']},login,,2026-10-20 11:00:00\n")
    with open(deployments_file, "a") as handle:
        handle.write(f"{reported['account_id']},{reported['product_module']},{reported['version']},"
                     "2031-05-01 09:00:00\n")
    months = [["base_product__usage_events", "2024-11-01"], ["base_product__usage_events", "2025-03-01"],
              ["base_crm__deployments", "2025-07-01"]]
    (Path(project).parent / PLANTED_FILE).write_text(json.dumps(months))
    return project


@pytest.fixture(scope="session")
def generated_project_dir(tmp_path_factory):
    """The project with a generated data set as its demo seeds (generated_project), with
    the rows plant_earlier_versions adds."""
    return built_once(tmp_path_factory, "generated", lambda folder: plant_earlier_versions(generated_project(folder)))


@pytest.fixture(scope="session")
def generated_warehouse(generated_project_dir, tmp_path_factory):
    """The generated data set built on DuckDB with `dbt build` (every data test; not the unit
    tests, which read no seed and ran in the demo's build), one dbt thread: the reference of the
    determinism and cross-engine tests."""
    def build(folder):
        warehouse = folder / "warehouse.duckdb"
        run_dbt(["build", "--threads", "1", "--exclude-resource-type", "unit_test"], warehouse,
                project_dir=generated_project_dir)
        return warehouse

    return built_once(tmp_path_factory, "generated_duckdb", build)


@pytest.fixture(scope="session")
def spark_generated_build(generated_project_dir, tmp_path_factory):
    """The generated set built on Spark in two runs (a build without tests at Oct 5, then the
    whole `dbt build`, incremental, with the incremental models' data tests, on the whole set):
    one Spark warehouse for the Spark tests of test_cross_engine.py (its marts and data-quality tables
    against generated_warehouse) and test_incremental_spark.py (what the incremental run
    rewrote). Both are in one xdist group, so one worker builds it once."""
    from test_incremental_spark import build_in_two_runs

    return build_in_two_runs(generated_project_dir, tmp_path_factory.mktemp("spark_generated"))


# --- pytest-xdist groups -------------------------------------------------------

# The groups in the order the workers take them, longest first (pytest-xdist hands out groups
# in collection order with --no-loadscope-reorder, and a worker takes its next group as soon as
# two tests of its current one are left, so a long group handed out last would run alone at the
# end). Measured with --durations (CONTRIBUTING.md, "Test tiers": the figures and the load they
# were measured under); the groups not listed are short and follow in collection order.
FIRST_GROUPS = [
    "spark_cross_engine",       # the generated set's two Spark runs, its comparisons, and the
                                # incremental checks of test_incremental_spark.py on that warehouse
    "test_generated_truth",     # the planted_churn set: generated, built on DuckDB and on Postgres
    "postgres",                 # the demo and the generated set on Postgres, the manager change
    "test_incremental",         # the incremental sequence and the backtest catch-up
    "test_demo_guard",          # the demo switch's builds and a dozen parses with other vars
    "test_bad_input",           # the text-landing baseline, the damaged landing, the missing columns
    "test_connectors_hubspot",  # three builds through the HubSpot adapters
    "test_connectors_salesforce_zendesk_segment",  # a demo build, a sparse one, one on Postgres
    "spark_bad_input",          # a text landing on Spark: staging and data quality
    "test_book_kpis",           # the manager change (two builds)
    "test_scoring",             # the touched and shifted scoring variants
    "test_connectors_postgres",
    "test_package",
    "test_determinism",
    "test_connectors_pendo",
    "test_connectors_qualtrics",
    "test_partial_data",
    "test_daily_build",
    "test_publish",
    # DuckDB groups of about a minute that build variants of their own: handed out last in
    # collection order, one of them left a worker idle for as long at the end of the run
    "test_green_first_build",
    "test_suggest_weights",
    "test_staging",
    "test_add_an_indicator",
]


def xdist_group(item):
    """The xdist group of a test: its module (module-scoped builds stay on one worker),
    except that each engine's tests are a group of their own, so that Spark and
    Postgres build in parallel with the DuckDB tests."""
    module = item.module.__name__
    if module == "test_cross_engine":
        build = getattr(item, "callspec", None) and item.callspec.params.get("engine_build")
        engine = build[0] if build else ("postgres" if "postgres" in item.name else "spark")
        return "spark_cross_engine" if engine == "spark" else "postgres"
    if module == "test_incremental_spark":  # reads the Spark build of test_cross_engine's group
        return "spark_cross_engine"
    if "spark" in item.name:
        return f"spark_{module.removeprefix('test_')}"
    return module


# --- test tiers (CONTRIBUTING.md, "Test tiers") ----------------------------------

# The quick tier (`bash scripts/run_tests.sh --quick`, pytest -m "not engines and not browser
# and not slow") leaves out three kinds of test, marked here from one rule each so that a new
# test lands in the right tier without a decorator:
TIER_MARKERS = {
    "engines": "builds or queries another engine (Postgres, Spark): full tier only",
    "browser": "drives Debian's chromium (Playwright): full tier only",
    "slow": "a DuckDB test that costs a minute or more on 2 cores, or needs an extra the quick "
            "tier does not install (MetricFlow): full tier only",
}
QUICK_TIER = "not engines and not browser and not slow"
ENGINE_MODULES = {"test_cross_engine", "test_incremental_spark"}
# DuckDB tests that each make several builds of their own (measured with --durations; the
# figures are in CONTRIBUTING.md): the quick tier keeps one test of each kind of check.
SLOW_TESTS = {
    "test_incremental.py::test_incremental_runs_equal_a_full_refresh",
    "test_incremental.py::test_a_backtest_mart_left_out_of_a_run_catches_up_on_the_next",
    "test_daily_build.py::test_a_day_without_new_data_is_skipped_and_a_new_row_builds",
    "test_book_kpis.py::test_a_manager_change_moves_the_customer_between_books_from_the_change_on",
    "test_semantic_layer.py::test_mf_query_equals_the_book_of_business_mart",
}
# Whole modules: the determinism test's two builds of the generated set (the full tier builds
# that set anyway, for the engines); the dbt-package test's consumer build (a whole build with
# every data and unit test, through `dbt deps`); the connector landings (a whole demo build
# through the adapters each, plus their defect and sparse-landing builds); the planted-truth
# preset (a generated set of its own, built once); adding a toy indicator (a copy of the
# project whose scoring chain is rebuilt with its data tests).
SLOW_MODULES = {"test_determinism", "test_package", "test_connectors_salesforce_zendesk_segment",
                "test_connectors_hubspot", "test_connectors_qualtrics", "test_connectors_pendo",
                "test_generated_truth", "test_add_an_indicator"}


def tier_markers(item):
    """The tier marks of a test (TIER_MARKERS)."""
    module = item.module.__name__
    marks = set()
    if module in ENGINE_MODULES or "spark" in item.name or "postgres" in item.name:
        marks.add("engines")
    if "chromium" in item.fixturenames:
        marks.add("browser")
    if module in SLOW_MODULES or f"{module}.py::{item.originalname}" in SLOW_TESTS:
        marks.add("slow")
    return marks


class XdistGroups:
    """Two hooks on the collected tests: the group and tier marks go on first (pytest-xdist's
    own hook reads the group marks to name each test's group, and -m reads the tier marks),
    the longest groups go first last (after pytest's reordering by module-scoped fixture
    parameters)."""

    @pytest.hookimpl(tryfirst=True)
    def pytest_collection_modifyitems(self, config, items):
        for item in items:
            item.add_marker(pytest.mark.xdist_group(xdist_group(item)))
            for mark in sorted(tier_markers(item)):
                item.add_marker(getattr(pytest.mark, mark))


def pytest_configure(config):
    if PARSE_CACHE_ENV not in os.environ and not os.environ.get("PYTEST_XDIST_WORKER"):
        # set before pytest-xdist starts its workers, so they inherit it
        os.environ[PARSE_CACHE_ENV] = tempfile.mkdtemp(prefix="engagement-parse-")
        config.add_cleanup(lambda: shutil.rmtree(os.environ.pop(PARSE_CACHE_ENV), ignore_errors=True))
    for mark, meaning in TIER_MARKERS.items():
        config.addinivalue_line("markers", f"{mark}: {meaning}")
    config.pluginmanager.register(XdistGroups(), "engagement_xdist_groups")


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    def rank(item):
        group = xdist_group(item)
        return FIRST_GROUPS.index(group) if group in FIRST_GROUPS else len(FIRST_GROUPS)

    items.sort(key=rank)  # stable: the order within a group is kept
