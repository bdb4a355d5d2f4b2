"""The command line of the generator (scripts/generate_data.py): one preset per size, from the demo to large.

    demo     300 accounts, ~140k rows as CSV into seeds/demo/ (row engine; byte-identical for the same
             arguments; every planted defect listed in tests/fixtures/demo_planted_defects.csv)
    small    1,000 accounts, ~1M usage events, straight into a DuckDB warehouse's raw_* schemas (set engine)
    medium   10,000 accounts, ~10M usage events
    large    100,000 accounts, ~50M usage events
    planted_churn  1,500 accounts whose churn follows a planted model unlike the registry (truth.py)

Both engines draw the same world (engagement_data/world.py). Why two, measured (`engagement benchmark
--generator`): docs/architecture.md, "Why two engines".
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from .world import COLUMNS_OF, DEFAULT_END_DATE, DEFAULT_SEED, DEFAULT_YEARS, MIN_ACCOUNTS, MIN_YEARS, Window

REPO_ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Preset:
    engine: str            # "rows" (CSV files) or "sets" (DuckDB warehouse)
    accounts: int
    usage_events: int | None    # target rows of usage_events (sets engine; the row engine's follow from the world)
    description: str


PRESETS = {
    "demo": Preset("rows", 300, None, "300 accounts as CSV seeds with planted defects (seeds/demo)"),
    "small": Preset("sets", 1_000, 1_000_000, "1,000 accounts / ~1M usage events into --warehouse"),
    "medium": Preset("sets", 10_000, 10_000_000, "10,000 accounts / ~10M usage events into --warehouse"),
    "large": Preset("sets", 100_000, 50_000_000, "100,000 accounts / ~50M usage events into --warehouse"),
    "planted_churn": Preset("sets", 1_500, 600_000,
                            "1,500 accounts whose churn follows support escalations and low logins, not what "
                            "they say in surveys; the generating model's risk in truth.churn_risk (truth.py)"),
}
SCALE_PRESETS = [k for k, p in PRESETS.items() if p.engine == "sets"]
ROW_OPTIONS = ("out", "manifest", "archetypes")
SET_OPTIONS = ("warehouse", "usage_events", "append_days", "threads", "checksum")


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="generate_data.py",
        description="Generate the 17 raw tables of the landing contract, from the demo to the largest scale. "
                    "Presets: " + "; ".join(f"{k}: {p.description}" for k, p in PRESETS.items()) + ".",
)
    ap.add_argument("--preset", choices=list(PRESETS),
                    help="size and engine; default demo, or small when --warehouse is given")
    ap.add_argument("--accounts", type=int, help="number of customer accounts (overrides the preset)")
    ap.add_argument("--years", type=int, default=DEFAULT_YEARS,
                    help=f"years of history ending at --end-date; usage events cover the last 2 (default {DEFAULT_YEARS})")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"seed; the same arguments give identical data (default {DEFAULT_SEED})")
    ap.add_argument("--end-date", type=dt.date.fromisoformat, default=DEFAULT_END_DATE,
                    help=f"last day of data, YYYY-MM-DD (default {DEFAULT_END_DATE})")
    demo = ap.add_argument_group("demo preset (CSV files)")
    demo.add_argument("--out", type=Path, help="output folder, files land in <out>/<source>/<table>.csv "
                                               "(default seeds/demo)")
    demo.add_argument("--manifest", type=Path, help="CSV listing every planted defect row "
                                                    "(default tests/fixtures/demo_planted_defects.csv)")
    demo.add_argument("--archetypes", type=Path,
                      help="CSV of each account's behaviour archetype, a test fixture, not a raw table "
                           "(default tests/fixtures/demo_account_archetypes.csv)")
    scale = ap.add_argument_group("scale presets (DuckDB warehouse)")
    scale.add_argument("--warehouse", type=Path, help="DuckDB file (created if absent); raw_* schemas replaced")
    scale.add_argument("--usage-events", type=int, help="target rows of usage_events (overrides the preset)")
    scale.add_argument("--append-days", type=int,
                       help="instead of generating: append N more days after the latest day in --warehouse, "
                            "with a few late-arriving and bad rows")
    scale.add_argument("--threads", type=int, help="DuckDB threads (default: DuckDB's choice)")
    scale.add_argument("--memory-limit", default="5GB",
                       help="DuckDB memory_limit; spills to <warehouse>.tmp beyond it (default 5GB)")
    scale.add_argument("--checksum", action="store_true", help="print a row count and checksum per table")
    return ap


def main(argv=None) -> int:
    ap = parser()
    args = ap.parse_args(argv)
    name = args.preset or ("small" if args.warehouse or args.append_days else "demo")
    preset = PRESETS[name]
    given = {k for k in ROW_OPTIONS + SET_OPTIONS if getattr(args, k) not in (None, False)}
    wrong = given & set(SET_OPTIONS if preset.engine == "rows" else ROW_OPTIONS)
    if wrong:
        opts = ", ".join("--" + k.replace("_", "-") for k in sorted(wrong))
        other = "a scale preset (" + "/".join(SCALE_PRESETS) + ")" if preset.engine == "rows" else "--preset demo"
        ap.error(f"{opts} belong(s) to {other}, not to --preset {name}")
    accounts = args.accounts or preset.accounts
    if accounts < MIN_ACCOUNTS:
        ap.error(f"--accounts must be at least {MIN_ACCOUNTS}")
    if args.years < MIN_YEARS:
        ap.error(f"--years must be at least {MIN_YEARS}")
    window = Window(args.end_date, args.years)
    if preset.engine == "rows":
        from . import rows
        return rows.generate(
            out=args.out or REPO_ROOT / "seeds" / "demo",
            manifest_path=args.manifest or REPO_ROOT / "tests" / "fixtures" / "demo_planted_defects.csv",
            archetypes_path=args.archetypes or REPO_ROOT / "tests" / "fixtures" / "demo_account_archetypes.csv",
            seed=args.seed, n_accounts=accounts, window=window)
    if args.warehouse is None:
        ap.error(f"--preset {name} writes into a DuckDB file: give --warehouse")
    if args.append_days is not None and args.append_days < 1:
        ap.error("--append-days must be at least 1")
    return run_sets(args, accounts, args.usage_events or preset.usage_events, window)


def run_sets(args, accounts: int, usage_events: int, window: Window) -> int:
    import duckdb

    from .sets import Generator

    wh = args.warehouse
    wh.parent.mkdir(parents=True, exist_ok=True)
    tmp = wh.with_name(wh.name + ".tmp")
    tmp.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(wh))
    con.execute(f"SET memory_limit = '{args.memory_limit}'")
    con.execute(f"SET temp_directory = '{tmp}'")
    con.execute("SET preserve_insertion_order = true")
    # ORDER BY ... LIMIT over rowid trips an internal error of DuckDB 2.0's late materialisation
    con.execute("SET disabled_optimizers = 'late_materialization'")
    if args.threads:
        con.execute(f"SET threads = {args.threads}")
    threads = con.execute("SELECT current_setting('threads')").fetchone()[0]

    g = Generator(con, args.seed)
    t0, c0 = time.perf_counter(), time.process_time()
    if args.append_days:
        print(f"append mode on {wh} ({threads} threads)")
        g.append(args.append_days)
    else:
        print(f"generating {accounts:,} accounts, ~{usage_events:,} usage events, {window.years} years to "
              f"{window.end} (seed {args.seed}, {threads} threads) into {wh}")
        g.build(accounts, usage_events, window)
        if args.preset == "planted_churn":
            from .truth import plant
            plant(con, args.seed, window)
    con.execute("CHECKPOINT")
    total_secs, total_cpu = time.perf_counter() - t0, time.process_time() - c0
    rows = sum(n for _, n, _ in g.stats)
    print(f"total: {rows:,} rows in {total_secs:.1f} s ({rows / total_secs:,.0f} rows/s overall; cpu {total_cpu:.1f} s)")
    counts = {t: g.count(t) for t in COLUMNS_OF}
    print("table rows: " + ", ".join(f"{t}={n:,}" for t, n in counts.items()))
    if args.checksum:
        sums = g.checksums()
        for k, (n, h) in sums.items():
            print(f"checksum {k:<34} {n:>12,} {h}")
        print("checksum ALL " + hashlib.md5("".join(f"{k}{n}{h}" for k, (n, h) in sums.items()).encode()).hexdigest())
    con.close()
    try:
        tmp.rmdir()          # only when DuckDB left nothing spilled in it
    except OSError:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
