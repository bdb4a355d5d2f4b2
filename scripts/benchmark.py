#!/usr/bin/env python3
"""Benchmark the project at scale: generate, full build, append a day, incremental build.

For each scale it
  1. generates the raw tables into a fresh DuckDB warehouse (scripts/generate_data.py --preset <scale>),
  2. runs the reference: one hand-written DuckDB statement over the same raw tables
     (benchmarks/reference_score.sql: latest valid row per key, the indicators with
     their recency decay, normalization, composite score and band at every as-of date the
     build scores: the current date and the month ends of the history),
  3. runs a full `dbt run` and then `dbt test` on it, and compares the reference's
     scores with the build's (how many customers agree to 1e-6; the others by cause),
     then rebuilds only the scoring lineage (`+fct_customer_engagement`, full refresh):
     the like-for-like measure against the reference, which computes the scores and
     nothing of the rest (backtest, rollups, book KPIs, explanations, data quality),
  4. measures dbt's start-up (a `dbt build` that selects nothing) and the daily run
     (scripts/daily_build.py) with no new data,
  5. appends one day of new data (with late-arriving and bad rows),
  6. runs the daily run (incremental `dbt run`) and `dbt test`,
and prints, per phase, the wall time, rows per second and peak memory (max RSS
of the process), the ratios full build / reference and incremental / full, plus
the ten slowest models of each build (from dbt's run_results.json). The figures are written to a Markdown file with the
machine's cores and memory. It is a benchmark, not a test: it never fails on
timing.

With --generator it measures only the data generator instead: its two engines on the same world size
(benchmark_generator), written into their own section of the output.
With --spark it also builds the same data on Spark (the `spark` target: dbt-spark's
session method, Spark inside the dbt process, local[2]), after the DuckDB phases: the
raw tables as generated (exported to parquet, registered as Spark tables raw_<source>.*),
a full run, then the appended day and a one-day run, each bounded by --spark-timeout.
Spark's scores are checked like DuckDB's: the full run's against the reference query,
the one-day run's against DuckDB's one-day run (every (customer, as-of date) to 1e-6).
Not part of CI (Spark at medium costs tens of minutes on two cores).

Usage:
  .venv/bin/python scripts/benchmark.py --scales small medium large
  .venv/bin/python scripts/benchmark.py --scales small --output /tmp/bench.md
  .venv/bin/python scripts/benchmark.py --generator            # or: engagement benchmark --generator
  .venv/bin/python scripts/benchmark.py --scales medium --spark --spark-timeout 2400
Run it with the project's virtual environment (bash scripts/build_demo.sh creates it).
"""
import argparse
import csv
import json
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from datetime import datetime, timezone
from pathlib import Path

import duckdb

PROJECT_DIR = Path(__file__).resolve().parents[1]
DBT = str(Path(sys.executable).with_name("dbt"))
# The daily command: `dbt build`, skipped when nothing arrived since the last complete build.
DAILY = [sys.executable, str(PROJECT_DIR / "scripts" / "daily_build.py")]
RAW_VARS = ("{crm_schema: raw_crm, support_schema: raw_support, survey_schema: raw_survey, "
            "marketing_schema: raw_marketing, product_schema: raw_product}")
# The mart whose lineage (`+`) is the work the reference query does: the scores of every as-of date.
SCORING_MART = "fct_customer_engagement"
SCORING_LINEAGE_PHASE = "scoring-lineage dbt run"
RAW_TABLES = ["raw_product.usage_events", "raw_marketing.email_events", "raw_support.cases",
              "raw_survey.responses", "raw_survey.invitations", "raw_crm.activities",
              "raw_marketing.event_registrations", "raw_crm.accounts"]

# Runs a command and prints its peak RSS (KiB on Linux) and CPU seconds (user + system, all threads) on stderr.
# CPU seconds are the steadier measure on a shared machine: other processes stretch the wall time, much less the CPU.
# rusage counts the children the command waited for; Spark's JVM is not one (pyspark never reaps the JVM
# it starts), so the wrapper also reads, every second, the CPU and resident memory of every java process
# under it in /proc, and adds the last reading of each.
PEAK_WRAPPER = (
    "import os, resource, subprocess, sys, threading, time\n"
    "tick, page_kib, jvms, done = os.sysconf('SC_CLK_TCK'), os.sysconf('SC_PAGE_SIZE') // 1024, {}, threading.Event()\n"
    "def descendants(root):\n"
    "    children = {}\n"
    "    for pid in filter(str.isdigit, os.listdir('/proc')):\n"
    "        try:\n"
    "            stat = open(f'/proc/{pid}/stat').read().rsplit(')', 1)[1].split()\n"
    "        except OSError:\n"
    "            continue\n"
    "        children.setdefault(int(stat[1]), []).append(int(pid))\n"
    "    found, todo = [], [root]\n"
    "    while todo:\n"
    "        kids = children.get(todo.pop(), [])\n"
    "        found += kids\n"
    "        todo += kids\n"
    "    return found\n"
    "def sample(root):\n"
    "    while not done.wait(1):\n"
    "        for pid in descendants(root):\n"
    "            try:\n"
    "                if not open(f'/proc/{pid}/comm').read().startswith('java'):\n"
    "                    continue\n"
    "                stat = open(f'/proc/{pid}/stat').read().rsplit(')', 1)[1].split()\n"
    "                cpu, rss = (int(stat[11]) + int(stat[12])) / tick, int(stat[21]) * page_kib\n"
    "                jvms[pid] = (cpu, max(rss, jvms.get(pid, (0, 0))[1]))\n"
    "            except (OSError, IndexError):\n"
    "                pass\n"
    "proc = subprocess.Popen(sys.argv[1:])\n"
    "sampler = threading.Thread(target=sample, args=(proc.pid,), daemon=True)\n"
    "sampler.start()\n"
    "code = proc.wait()\n"
    "done.set()\n"
    "sampler.join()\n"
    "usage = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "jvm_cpu, jvm_peak = sum(c for c, _ in jvms.values()), max((r for _, r in jvms.values()), default=0)\n"
    "print('PEAK_RSS_KIB', max(usage.ru_maxrss, jvm_peak), file=sys.stderr)\n"
    "print('CPU_SECONDS', usage.ru_utime + usage.ru_stime + jvm_cpu, file=sys.stderr)\n"
    "sys.exit(code)\n"
)


def machine():
    memory_kib = 0
    with open("/proc/meminfo") as meminfo:
        for line in meminfo:
            if line.startswith("MemTotal:"):
                memory_kib = int(line.split()[1])
    return {"cores": os.cpu_count(), "memory_gib": round(memory_kib / 1024 ** 2, 1),
            "python": platform.python_version(), "platform": platform.platform()}


def run_phase(label, command, env, progress_marker=None, timeout=None):
    """Run `command`, streaming a progress line now and then; return (seconds, peak MiB, ok, CPU seconds).
    With `timeout` (seconds), the command and its children are killed when it runs longer (not ok)."""
    print(f"==> {label}", flush=True)
    started = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-c", PEAK_WRAPPER, *command], cwd=PROJECT_DIR, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            start_new_session=timeout is not None)
    timed_out = []
    if timeout is not None:
        def kill():
            timed_out.append(True)
            try:
                os.killpg(proc.pid, signal.SIGKILL)  # its own session: the wrapper, dbt and Spark's JVM
            except ProcessLookupError:
                pass
        watchdog = threading.Timer(timeout, kill)
        watchdog.daemon = True
        watchdog.start()
    peak_kib, cpu, last_progress, tail = 0, None, 0.0, []
    for line in proc.stdout:
        if line.startswith("PEAK_RSS_KIB"):
            peak_kib = int(line.split()[1])
            continue
        if line.startswith("CPU_SECONDS"):
            cpu = float(line.split()[1])
            continue
        tail = (tail + [line.rstrip()])[-40:]
        now = time.monotonic()
        shown = progress_marker is None or progress_marker in line
        if shown and now - last_progress > 5:
            print(f"    [{now - started:6.1f}s] {line.strip()[:110]}", flush=True)
            last_progress = now
    ok = proc.wait() == 0
    seconds = time.monotonic() - started
    if timeout is not None:
        watchdog.cancel()
    if timed_out:
        print(f"    {label}: stopped after the timeout of {timeout:.0f}s", flush=True)
    elif not ok:
        print("\n".join(tail), flush=True)
    print(f"    {label}: {seconds:.1f}s, CPU {cpu or 0:.1f}s, peak {peak_kib / 1024:.0f} MiB{'' if ok else ', FAILED'}",
          flush=True)
    return seconds, peak_kib / 1024, ok, cpu


def raw_row_counts(warehouse):
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return {t: con.execute(f"select count(*) from {t}").fetchall()[0][0] for t in RAW_TABLES}
    finally:
        con.close()


def slowest_models(target_dir, count=10):
    results = json.loads((target_dir / "run_results.json").read_text())["results"]
    models = [(r["unique_id"].split(".")[-1], r["execution_time"]) for r in results
              if r["unique_id"].startswith("model.")]
    return sorted(models, key=lambda item: -item[1])[:count]


# ---------------------------------------------------------------- Spark (--spark)
SPARK_SCHEMA = "engagement"  # profiles.yml's spark target: ENGAGEMENT_SPARK_SCHEMA
SPARK_MARTS = f"{SPARK_SCHEMA}_marts"
# Registers the parquet exports of the raw tables as Spark tables raw_<source>.<table> in the
# metastore the `spark` target uses (its settings as profiles.yml gives them to dbt-spark).
SPARK_REGISTER = (
    "import sys\n"
    "from pathlib import Path\n"
    "from pyspark.sql import SparkSession\n"
    "spark_dir, raw_dir = Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve()\n"
    "spark = (SparkSession.builder.enableHiveSupport().master('local[2]')\n"
    "    .config('spark.driver.bindAddress', '127.0.0.1').config('spark.driver.host', '127.0.0.1')\n"
    "    .config('spark.ui.enabled', 'false').config('spark.ui.showConsoleProgress', 'false')\n"
    "    .config('spark.sql.session.timeZone', 'UTC')\n"
    "    .config('spark.sql.warehouse.dir', f'{spark_dir}/warehouse')\n"
    "    .config('spark.hadoop.javax.jdo.option.ConnectionURL',\n"
    "            f'jdbc:derby:;databaseName={spark_dir}/metastore_db;create=true')\n"
    "    .config('spark.driver.extraJavaOptions', f'-Dderby.system.home={spark_dir}')\n"
    "    .getOrCreate())\n"
    "spark.sparkContext.setLogLevel('ERROR')\n"
    "for folder in sorted(raw_dir.glob('*/*')):\n"
    "    schema, table = folder.parent.name, folder.name\n"
    "    spark.sql(f'create database if not exists {schema}')\n"
    "    spark.sql(f'drop table if exists {schema}.{table}')\n"
    "    spark.sql(f\"create table {schema}.{table} using parquet location '{folder}'\")\n"
    "    print(schema, table, spark.table(f'{schema}.{table}').count(), flush=True)\n"
    "spark.stop()\n"
)


def export_raw_for_spark(warehouse, raw_dir):
    """The raw tables of `warehouse` as parquet, one folder per table (raw_dir/<schema>/<table>/), replacing
    any earlier export. Timestamps are written as instants (UTC), which Spark reads as its timestamp type."""
    shutil.rmtree(raw_dir, ignore_errors=True)
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        con.execute("set TimeZone = 'UTC'")
        tables = con.execute("select table_schema, table_name from information_schema.tables "
                             "where table_schema like 'raw\\_%' escape '\\' order by 1, 2").fetchall()
        for schema, table in tables:
            columns = con.execute("select column_name, data_type from information_schema.columns "
                                  "where table_schema = ? and table_name = ? order by ordinal_position",
                                  [schema, table]).fetchall()
            select = ", ".join(f'cast("{c}" as timestamptz) as "{c}"' if t == "TIMESTAMP" else f'"{c}"'
                               for c, t in columns)
            folder = raw_dir / schema / table
            folder.mkdir(parents=True)
            con.execute(f"copy (select {select} from {schema}.{table}) to '{folder / 'part-0.parquet'}' "
                        "(format parquet)")
    finally:
        con.close()


def spark_table_files(spark_dir, table, schema=SPARK_MARTS):
    folder = spark_dir / "warehouse" / f"{schema}.db" / table
    return [str(p) for p in sorted(folder.rglob("*.parquet"))]


SPARK_AGREEMENT_SQL = """
with
spark as (select account_id, as_of_date, engagement_score, band from read_parquet(?, hive_partitioning = true)),
other as (select account_id, as_of_date, engagement_score, band from {other})
select
    count(s.account_id) as rows_spark,
    count(o.account_id) as rows_other,
    count(*) filter (where s.account_id is not null and o.account_id is not null and (
        case when s.engagement_score is null or o.engagement_score is null
            then (s.engagement_score is null) = (o.engagement_score is null)
            else abs(s.engagement_score - o.engagement_score) <= 1e-6 end)) as rows_agree_1e6,
    count(*) filter (where s.account_id is not null and o.account_id is not null
        and s.band is not distinct from o.band) as bands_agree
from spark as s
full join other as o on s.account_id = o.account_id and s.as_of_date = o.as_of_date
"""


def spark_agreement(spark_dir, warehouse, other):
    """Spark's scores (fct_customer_engagement, every as-of date) against `other`, a table of the DuckDB
    warehouse (the reference's scores, or DuckDB's build): rows on each side, rows whose scores agree
    to 1e-6 and whose bands agree."""
    files = spark_table_files(spark_dir, "fct_customer_engagement")
    if not files:
        return None
    con = duckdb.connect()
    try:
        con.execute(f"attach '{warehouse}' as wh (read_only)")
        names = ("rows_spark", "rows_other", "rows_agree_1e6", "bands_agree")
        return dict(zip(names, con.execute(SPARK_AGREEMENT_SQL.format(other=f"wh.{other}"), [files]).fetchone()))
    finally:
        con.close()


def benchmark_scale(scale, work_dir, end_date, threads, with_tests=True, spark_timeout=None):
    scale_dir = work_dir / scale
    shutil.rmtree(scale_dir, ignore_errors=True)
    scale_dir.mkdir(parents=True)
    warehouse = scale_dir / "warehouse.duckdb"
    target = scale_dir / "target"
    env = dict(os.environ, DBT_PROFILES_DIR=str(PROJECT_DIR), ENGAGEMENT_DUCKDB_PATH=str(warehouse),
               ENGAGEMENT_DUCKDB_TEMP_DIR=str(scale_dir / "tmp"), DBT_SEND_ANONYMOUS_USAGE_STATS="false")
    dbt_common = ["--vars", RAW_VARS, "--target-path", str(target), "--log-path", str(scale_dir / "logs"),
                  "--threads", str(threads)]
    result = {"scale": scale, "phases": {}}

    def phase(name, command, rows=None, marker=None, timeout=None, phase_env=None):
        seconds, peak, ok, cpu = run_phase(f"{scale}: {name}", command, phase_env or env, marker, timeout)
        result["phases"][name] = {"seconds": seconds, "peak_mib": peak, "ok": ok, "cpu_seconds": cpu,
                                  "rows": rows, "rows_per_second": (rows / seconds) if rows else None}
        return ok

    generator = [sys.executable, str(PROJECT_DIR / "scripts" / "generate_data.py"), "--warehouse", str(warehouse)]
    if not phase("generate", [*generator, "--preset", scale, "--end-date", end_date]):
        return result
    counts = raw_row_counts(warehouse)
    result["raw_rows"] = counts
    total_rows = sum(counts.values())
    result["phases"]["generate"]["rows"] = total_rows
    result["phases"]["generate"]["rows_per_second"] = total_rows / result["phases"]["generate"]["seconds"]
    spark_raw = scale_dir / "spark_raw"
    if spark_timeout:
        export_raw_for_spark(warehouse, spark_raw)  # the data as generated, before the appended day
    reference = [sys.executable, str(PROJECT_DIR / "benchmarks" / "run_reference.py")]
    phase("reference query", [*reference, "run", "--warehouse", str(warehouse)], total_rows)

    for step, full in (("full", True), ("incremental", False)):
        if not full:
            if not phase("dbt start-up", [DBT, "build", "--select", "no_such_model_selects_nothing", *dbt_common]):
                return result
            if not phase("no-new-data dbt run", [*DAILY, "--exclude-resource-type", "test", "unit_test",
                                                 *dbt_common], marker=" of "):
                return result
            result["no_new_data_slowest"] = slowest_models(target)
            before = raw_row_counts(warehouse)
            if not phase("append one day", [*generator, "--append-days", "1"]):
                return result
            after = raw_row_counts(warehouse)
            new_rows = sum(after.values()) - sum(before.values())
            result["new_rows"] = new_rows
            if spark_timeout:
                export_raw_for_spark(warehouse, scale_dir / "spark_raw_day")
        rows = total_rows if full else result["new_rows"]
        run = [DBT, "build", "--full-refresh"] if full else DAILY
        run = [*run, "--exclude-resource-type", "test", "unit_test", *dbt_common]
        if not phase(f"{step} dbt run", run, rows, marker=" of "):
            return result
        result[f"{step}_slowest"] = slowest_models(target)
        if full and result["phases"]["reference query"]["ok"]:
            result["agreement"] = compare_with_reference(warehouse, env)
        if with_tests:
            phase(f"{step} dbt test", [DBT, "test", "--exclude-resource-type", "unit_test", *dbt_common], marker=" of ")
        if full:
            # like for like: the models the reference's work corresponds to (seeds included), rebuilt
            # in full on the same warehouse (same data, so the later phases are unaffected)
            phase(SCORING_LINEAGE_PHASE, [DBT, "build", "--full-refresh", "--select", f"+{SCORING_MART}",
                                          "--exclude-resource-type", "test", "unit_test", *dbt_common],
                  total_rows, marker=" of ")
            result["scoring_lineage_slowest"] = slowest_models(target)
    if spark_timeout:
        benchmark_spark(result, phase, warehouse, scale_dir, dbt_common, env, total_rows, spark_timeout)
    for measure, suffix in (("seconds", ""), ("cpu_seconds", "_cpu")):
        full_run = result["phases"]["full dbt run"].get(measure)
        if not full_run:
            continue
        for name, key in (("incremental dbt run", "incremental_share_pct"),
                          ("no-new-data dbt run", "no_new_data_share_pct"), ("dbt start-up", "startup_share_pct")):
            value = result["phases"].get(name, {}).get(measure)
            if value:
                result[key + suffix] = 100 * value / full_run
        # Spark: the ratios to DuckDB by wall time (the wrapper's CPU figures include the JVM's, read
        # from /proc, but only since this was written; earlier rounds have dbt's Python alone)
        for name, key in (("spark full dbt run", "spark_full_over_duckdb"),
                          ("spark incremental dbt run", "spark_incremental_over_duckdb")):
            spark_run, duckdb_run = (result["phases"].get(name, {}),
                                     result["phases"].get(name.removeprefix("spark "), {}))
            if measure == "seconds" and spark_run.get("ok") and spark_run.get(measure) and duckdb_run.get(measure):
                result[key + suffix] = spark_run[measure] / duckdb_run[measure]
        spark_full = result["phases"].get("spark full dbt run", {})
        spark_day = result["phases"].get("spark incremental dbt run", {})
        if measure == "seconds" and spark_full.get("ok") and spark_day.get("ok") and spark_full.get(measure):
            result["spark_incremental_share_pct" + suffix] = 100 * spark_day[measure] / spark_full[measure]
        reference = result["phases"]["reference query"]
        if reference["ok"] and reference.get(measure):
            result["full_over_reference" + suffix] = full_run / reference[measure]
            lineage = result["phases"].get(SCORING_LINEAGE_PHASE, {})
            if lineage.get("ok") and lineage.get(measure):
                result["scoring_lineage_over_reference" + suffix] = lineage[measure] / reference[measure]
    return result


# The generator benchmark's section of benchmarks/RESULTS.md, replaced in place by each run; docs/architecture.md
# quotes it through scripts/doc_figures.py (figures `generator_engines`).
GENERATOR_SECTION = re.compile(r"<!-- generator-engines -->.*?<!-- /generator-engines -->\n?", re.S)
GENERATOR_HEADER = ["engine", "preset", "accounts", "usage events", "rows", "wall time (s)", "CPU (s)", "rows/s",
                    "rows per CPU s", "peak memory (MiB)"]


def benchmark_generator(work_dir, accounts, seed=None):
    """Both engines of scripts/generate_data.py on one world size, each writing what it writes for its presets:
    the row engine (the demo preset) its CSV files, manifest and archetypes; the set engine (preset small with
    the same accounts and the row engine's count of usage events) a DuckDB warehouse. Each engine runs as the
    command a user runs (interpreter start-up and imports included, the same for both)."""
    from engagement_tools.engagement_data.world import COLUMNS_OF, DEFAULT_SEED, SOURCE_OF

    seed = DEFAULT_SEED if seed is None else seed
    folder = work_dir / "generator"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    script = [sys.executable, str(PROJECT_DIR / "scripts" / "generate_data.py"), "--accounts", str(accounts),
              "--seed", str(seed)]
    env = dict(os.environ)
    result = {"accounts": accounts, "engines": {}}

    def engine(name, preset, command, count):
        seconds, peak, ok, cpu = run_phase(f"generator: {name} engine", [*script, "--preset", preset, *command], env)
        if not ok:
            raise SystemExit(f"the {name} engine failed")
        rows = count()
        result["engines"][name] = {"preset": preset, "rows": sum(rows.values()), "by_table": rows,
                                   "seconds": seconds, "cpu_seconds": cpu, "peak_mib": peak}

    seeds = folder / "seeds"

    def csv_rows():
        counts = {}
        for table in COLUMNS_OF:
            with open(seeds / SOURCE_OF[table] / f"{table}.csv", newline="") as f:
                counts[table] = sum(1 for _ in csv.reader(f)) - 1   # csv.reader: a quoted newline is one row
        return counts

    engine("row", "demo", ["--out", str(seeds), "--manifest", str(folder / "defects.csv"),
                           "--archetypes", str(folder / "archetypes.csv")], csv_rows)
    warehouse = folder / "sets.duckdb"

    def warehouse_rows():
        con = duckdb.connect(str(warehouse), read_only=True)
        try:
            return {t: con.execute(f"select count(*) from raw_{SOURCE_OF[t]}.{t}").fetchone()[0] for t in COLUMNS_OF}
        finally:
            con.close()

    usage_events = result["engines"]["row"]["by_table"]["usage_events"]
    engine("set", "small", ["--warehouse", str(warehouse), "--usage-events", str(usage_events)], warehouse_rows)
    shutil.rmtree(folder, ignore_errors=True)
    return result


def generator_section(results, info):
    """The Markdown section of the generator benchmark (between the GENERATOR_SECTION markers)."""
    sizes = " ".join(str(r["accounts"]) for r in results)
    lines = ["<!-- generator-engines -->",
             f"## {datetime.now(timezone.utc):%Y-%m-%d}, issue #28: the generator's two engines, measured",
             "",
             f"One `engagement benchmark --generator --generator-accounts {sizes}` run on "
             f"{info['cores']} cores and {info['memory_gib']} GiB ({info['platform']}, Python {info['python']}). "
             "At each size the row engine makes the demo preset with that many accounts (CSV seeds, defect manifest, "
             "archetypes fixture), the set engine the same accounts and usage events into a DuckDB warehouse "
             "(preset small, `--usage-events` set to the row engine's count). Wall time includes each command's "
             "start-up. The row engine runs on one core, the set engine on DuckDB's threads: rows per CPU second "
             "is the measure that another process on the machine disturbs least.",
             "",
             "| " + " | ".join(GENERATOR_HEADER) + " |",
             "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for result in results:
        for name, e in result["engines"].items():
            lines.append(f"| {name} | {e['preset']} | {result['accounts']:,} | {e['by_table']['usage_events']:,} | "
                         f"{e['rows']:,} | {e['seconds']:.1f} | "
                         f"{e['cpu_seconds']:.1f} | {e['rows'] / e['seconds']:,.0f} | "
                         f"{e['rows'] / e['cpu_seconds']:,.0f} | {e['peak_mib']:.0f} |")
    lines += ["<!-- /generator-engines -->", ""]
    return "\n".join(lines)


def write_generator_section(section, output):
    """Put the section in place of the previous one, or first under the title of a file that has none."""
    text = output.read_text() if output.exists() else "# Benchmark results\n"
    if GENERATOR_SECTION.search(text):
        text = GENERATOR_SECTION.sub(lambda _: section, text, count=1)
    else:
        title, _, rest = text.partition("\n")
        text = f"{title}\n\n{section}\n{rest.lstrip(chr(10))}"
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text)
    print(f"==> generator figures written to {output}")
def benchmark_spark(result, phase, warehouse, scale_dir, dbt_common, env, total_rows, timeout):
    """The same data on Spark: the raw tables as generated, a full run (scores against the reference's),
    then the appended day and a one-day run (scores against DuckDB's one-day run); each run bounded by
    `timeout` seconds. Spark's warehouse and metastore go to <scale>/spark."""
    spark_dir = scale_dir / "spark"
    shutil.rmtree(spark_dir, ignore_errors=True)
    spark_env = dict(env, ENGAGEMENT_TARGET="spark", ENGAGEMENT_SPARK_DIR=str(spark_dir),
                     ENGAGEMENT_SPARK_SCHEMA=SPARK_SCHEMA,
                     ENGAGEMENT_SPARK_DRIVER_MEMORY=os.environ.get("ENGAGEMENT_SPARK_DRIVER_MEMORY", "4g"),
                     ENGAGEMENT_SPARK_SHUFFLE_PARTITIONS=os.environ.get("ENGAGEMENT_SPARK_SHUFFLE_PARTITIONS", "8"))
    register = [sys.executable, "-c", SPARK_REGISTER, str(spark_dir)]
    spark_common = [*dbt_common[:dbt_common.index("--target-path")], "--target-path",
                    str(scale_dir / "spark_target"), "--log-path", str(scale_dir / "spark_logs"), "--threads", "2"]
    steps = (("full", scale_dir / "spark_raw", "reference.engagement_scores", ["build", "--full-refresh"]),
             ("incremental", scale_dir / "spark_raw_day", "main_marts.fct_customer_engagement", ["build"]))
    for step, raw_dir, other, build in steps:
        if not raw_dir.exists():
            return
        if not phase(f"spark register raw ({step})", [*register, str(raw_dir)], timeout=timeout,
                     phase_env=spark_env):
            return
        rows = total_rows if step == "full" else result.get("new_rows")
        if not phase(f"spark {step} dbt run", [DBT, *build, "--exclude-resource-type", "test", "unit_test",
                                               *spark_common], rows, marker=" of ", timeout=timeout,
                     phase_env=spark_env):
            return
        result[f"spark_{step}_slowest"] = slowest_models(scale_dir / "spark_target")
        agreement = spark_agreement(spark_dir, warehouse, other)
        result[f"spark_{step}_agreement"] = dict(agreement or {}, against=other)
        print(f"    spark {step}: {agreement} against {other}", flush=True)


def compare_with_reference(warehouse, env):
    """The reference's scores against the build's: the summary JSON of benchmarks/run_reference.py compare."""
    command = [sys.executable, str(PROJECT_DIR / "benchmarks" / "run_reference.py"), "compare", "--warehouse",
               str(warehouse)]
    out = subprocess.run(command, cwd=PROJECT_DIR, env=env, capture_output=True, text=True)
    print(out.stdout.rstrip() or out.stderr.rstrip(), flush=True)
    if out.returncode != 0:
        return None
    return json.loads(out.stdout.strip().splitlines()[-1])


def write_report(results, info, output, end_date):
    lines = [
        "# Benchmark results",
        "",
        f"Measured {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC by `scripts/benchmark.py` on "
        f"{info['cores']} cores and {info['memory_gib']} GiB of memory ({info['platform']}, Python {info['python']}).",
        f"Data ends on {end_date}; the incremental run appends the next day (new rows plus a few late-arriving "
        "and bad ones). `dbt run` is models and seeds; `dbt test` all data tests. Peak memory is the largest "
        "resident set of the process.",
        "",
        "| scale | phase | wall time (s) | CPU (s) | rows | rows/s | peak memory (MiB) | ok |",
        "|---|---|---:|---:|---:|---:|---:|---|",
    ]
    for result in results:
        for name, p in result["phases"].items():
            rows = f"{p['rows']:,}" if p.get("rows") else ""
            rate = f"{p['rows_per_second']:,.0f}" if p.get("rows_per_second") else ""
            cpu = f"{p['cpu_seconds']:.1f}" if p.get("cpu_seconds") is not None else ""
            lines.append(f"| {result['scale']} | {name} | {p['seconds']:.1f} | {cpu} | {rows} | {rate} | "
                         f"{p['peak_mib']:.0f} | {'yes' if p['ok'] else 'NO'} |")
    lines.append("")
    for result in results:
        def cpu_too(key, form):
            return f" ({form.format(result[key + '_cpu'])} by CPU time)" if key + "_cpu" in result else ""
        if "full_over_reference" in result:
            lines.append(f"- {result['scale']}: the full `dbt run` took {result['full_over_reference']:.1f}x the "
                         "reference query (benchmarks/reference_score.sql)"
                         + cpu_too("full_over_reference", "{:.1f}x") + ".")
        if "scoring_lineage_over_reference" in result:
            lines.append(f"- {result['scale']}: like for like, the scoring lineage alone (`dbt build --select "
                         f"+{SCORING_MART}`, full refresh, no tests) took "
                         f"{result['scoring_lineage_over_reference']:.1f}x the reference query"
                         + cpu_too("scoring_lineage_over_reference", "{:.1f}x") + ".")
        for key, what in (("incremental_share_pct", "the one-day incremental `dbt run`"),
                          ("no_new_data_share_pct", "the daily run with no new data"),
                          ("startup_share_pct", "dbt's start-up (a `dbt build` selecting nothing)")):
            if key in result:
                lines.append(f"- {result['scale']}: {what} took {result[key]:.1f}% of the full `dbt run`"
                             + cpu_too(key, "{:.1f}%") + ".")
        agreement = result.get("agreement")
        if agreement:
            causes = "; ".join(f"{n:,} {cause}" for cause, n in agreement["disagreements_by_cause"].items())
            lines.append(f"- {result['scale']}: reference vs build: {agreement['scores_agree_1e6']:,} of "
                         f"{agreement['customers_build']:,} customers' scores agree to 1e-6, "
                         f"{agreement['bands_agree']:,} bands agree"
                         + (f"; the others differ by: {causes}" if causes else "") + ".")
        for step, what in (("full", "full"), ("incremental", "one-day incremental")):
            key = f"spark_{step}_over_duckdb"
            if key in result:
                lines.append(f"- {result['scale']}: Spark's {what} `dbt run` took {result[key]:.1f}x DuckDB's"
                             + cpu_too(key, "{:.1f}x") + ".")
            elif f"spark {step} dbt run" in result["phases"]:
                lines.append(f"- {result['scale']}: Spark's {what} `dbt run` did not finish (failed or stopped "
                             "at --spark-timeout).")
            spark_agrees = result.get(f"spark_{step}_agreement")
            if spark_agrees and "rows_spark" in spark_agrees:
                lines.append(f"- {result['scale']}: Spark's {what} run vs {spark_agrees['against']}: "
                             f"{spark_agrees['rows_agree_1e6']:,} of {spark_agrees['rows_spark']:,} (customer, "
                             f"as-of date) scores agree to 1e-6 ({spark_agrees['rows_other']:,} rows there), "
                             f"{spark_agrees['bands_agree']:,} bands agree.")
        if "spark_incremental_share_pct" in result:
            lines.append(f"- {result['scale']}: on Spark the one-day run took "
                         f"{result['spark_incremental_share_pct']:.1f}% of the full run"
                         + cpu_too("spark_incremental_share_pct", "{:.1f}%") + ".")
        if "raw_rows" in result:
            lines.append(f"- {result['scale']}: raw rows " + ", ".join(
                f"{t.split('.')[1]} {n:,}" for t, n in result["raw_rows"].items()) + ".")
    for result in results:
        for step in ("full", "scoring_lineage", "no_new_data", "incremental", "spark_full", "spark_incremental"):
            slowest = result.get(f"{step}_slowest")
            if slowest:
                lines += ["", f"Ten slowest models, {result['scale']}, {step.replace('_', '-')} run:", "",
                          "| model | seconds |", "|---|---:|"]
                lines += [f"| {name} | {seconds:.2f} |" for name, seconds in slowest]
    kept = GENERATOR_SECTION.search(output.read_text()) if output.exists() else None
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text("\n".join(lines) + "\n")
    if kept:   # the generator's measurement, which docs/architecture.md quotes, stays
        write_generator_section(kept.group(0), output)
    print(f"==> figures written to {output}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    parser.add_argument("--scales", nargs="+", default=["small"], choices=["small", "medium", "large"])
    parser.add_argument("--work-dir", type=Path, default=PROJECT_DIR / "benchmarks" / "work",
                        help="where the warehouses go (deleted and recreated per scale)")
    parser.add_argument("--output", type=Path, default=PROJECT_DIR / "benchmarks" / "RESULTS.md")
    parser.add_argument("--end-date", default="2026-10-15",
                        help="last day of generated data; mid-month by default, so the appended day is an "
                             "ordinary day and not the monthly roll-over of the history")
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 2, help="dbt threads")
    parser.add_argument("--keep", action="store_true", help="keep the warehouses afterwards")
    parser.add_argument("--skip-tests", action="store_true", help="leave out the `dbt test` phases")
    parser.add_argument("--generator", action="store_true",
                        help="measure only the data generator: its row and set engines on the same world size, "
                             "into the generator section of --output")
    parser.add_argument("--generator-accounts", type=int, nargs="+", default=[300, 1500, 5000],
                        help="the world sizes (accounts) both engines make (default 300, the demo's, 1500 and 5000)")
    parser.add_argument("--spark", action="store_true",
                        help="also build on Spark (full and one-day runs) and compare its scores; not for CI")
    parser.add_argument("--spark-timeout", type=float, default=3600,
                        help="with --spark: seconds after which a Spark step is stopped (default 3600)")
    args = parser.parse_args()

    args.work_dir = args.work_dir.resolve()  # Spark resolves table locations against its own folder
    info = machine()
    if args.generator:
        results = [benchmark_generator(args.work_dir, n) for n in args.generator_accounts]
        write_generator_section(generator_section(results, info), args.output)
        for result in results:
            for name, e in result["engines"].items():
                print(f"{result['accounts']:,} accounts, {name} engine: {e['rows']:,} rows in {e['seconds']:.1f}s, "
                      f"{e['rows'] / e['seconds']:,.0f} rows/s ({e['rows'] / e['cpu_seconds']:,.0f} per CPU second)")
        return
    print(f"==> {info['cores']} cores, {info['memory_gib']} GiB; scales: {' '.join(args.scales)}")
    results = []
    for scale in args.scales:
        results.append(benchmark_scale(scale, args.work_dir, args.end_date, args.threads, not args.skip_tests,
                                       args.spark_timeout if args.spark else None))
        write_report(results, info, args.output, args.end_date)
        if not args.keep:
            shutil.rmtree(args.work_dir / scale, ignore_errors=True)
    for result in results:
        ratios = []
        if "full_over_reference" in result:
            ratios.append(f"full build = {result['full_over_reference']:.1f}x the reference query")
        if "scoring_lineage_over_reference" in result:
            ratios.append(f"scoring lineage = {result['scoring_lineage_over_reference']:.1f}x the reference query")
        for key, what in (("incremental_share_pct", "one-day incremental"), ("no_new_data_share_pct", "no new data"),
                          ("startup_share_pct", "dbt start-up")):
            if key in result:
                ratios.append(f"{what} = {result[key]:.1f}% of full")
        agreement = result.get("agreement")
        if agreement:
            ratios.append(f"{agreement['scores_agree_1e6']:,} of {agreement['customers_build']:,} scores agree "
                          "with the reference to 1e-6")
        for step in ("full", "incremental"):
            if f"spark_{step}_over_duckdb" in result:
                ratios.append(f"Spark {step} = {result[f'spark_{step}_over_duckdb']:.1f}x DuckDB's")
            spark_agrees = result.get(f"spark_{step}_agreement")
            if spark_agrees and "rows_spark" in spark_agrees:
                ratios.append(f"Spark {step}: {spark_agrees['rows_agree_1e6']:,} of {spark_agrees['rows_spark']:,} "
                              f"scores agree with {spark_agrees['against']} to 1e-6")
        print(f"{result['scale']}: " + ", ".join(f"{k} {v['seconds']:.1f}s" for k, v in result["phases"].items())
              + ("; " + "; ".join(ratios) if ratios else ""))


if __name__ == "__main__":
    main()
