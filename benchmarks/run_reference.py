#!/usr/bin/env python3
"""Run the single-statement reference (benchmarks/reference_score.sql) on a warehouse, and compare it with the build.

  run:     python benchmarks/run_reference.py run --warehouse W
           stores the result in reference.engagement_scores (one statement; DuckDB's
           memory_limit and temp directory as the dbt profile sets them).
  compare: python benchmarks/run_reference.py compare --warehouse W
           counts the customers whose score agrees with the build's current score to
           1e-6 (main_marts.fct_customer_engagement, is_current) and, for the others,
           names the indicators whose raw values differ: the cause of each disagreement.
           Prints one JSON object on its last line.

scripts/benchmark.py runs both, `run` timed beside the full `dbt run`.
"""
import argparse
import json
import os
import sys
from collections import Counter
from pathlib import Path

import duckdb

SQL = Path(__file__).with_name("reference_score.sql")
TOLERANCE = 1e-6


def connect(warehouse, read_only=False):
    config = {"memory_limit": os.environ.get("ENGAGEMENT_DUCKDB_MEMORY_LIMIT", "4GB")}
    temp_dir = os.environ.get("ENGAGEMENT_DUCKDB_TEMP_DIR")
    if temp_dir:
        config["temp_directory"] = temp_dir
    return duckdb.connect(str(warehouse), read_only=read_only, config=config)


def run(warehouse, sql=SQL):
    con = connect(warehouse)
    try:
        con.execute("create schema if not exists reference")
        con.execute("create or replace table reference.engagement_scores as\n" + sql.read_text())
        rows = con.execute("select count(*) from reference.engagement_scores").fetchall()[0][0]
        print(f"reference: {rows} customers scored")
    finally:
        con.close()


def compare(warehouse):
    con = connect(warehouse, read_only=True)
    try:
        indicators = [r[0] for r in con.execute(
            "select column_name from information_schema.columns where table_schema = 'reference' "
            "and table_name = 'engagement_scores' and column_name not in "
            "('account_id', 'segment', 'engagement_score', 'band') order by ordinal_position").fetchall()]
        build = con.execute("""
            select account_id, engagement_score, band
            from main_marts.fct_customer_engagement where is_current""").fetchall()
        reference = {r[0]: r[1:] for r in con.execute(
            "select account_id, engagement_score, band from reference.engagement_scores").fetchall()}
        raw_build = {}
        for account_id, indicator, raw_value in con.execute("""
                select account_id, indicator, raw_value from main_marts.fct_customer_indicator_scores
                where as_of_date = (select max(as_of_date) from main_marts.fct_customer_indicator_scores)
                """).fetchall():
            raw_build[(account_id, indicator)] = raw_value
        columns = ", ".join(f"round({c}, 9)" for c in indicators)
        raw_reference = {}
        for row in con.execute(f"select account_id, {columns} from reference.engagement_scores").fetchall():
            for indicator, value in zip(indicators, row[1:]):
                raw_reference[(row[0], indicator)] = value
    finally:
        con.close()

    def differs(a, b):
        if a is None or b is None:
            return (a is None) != (b is None)
        return abs(a - b) > TOLERANCE

    agree, bands_agree, causes, examples = 0, 0, Counter(), {}
    only_build = [a for a, _, _ in build if a not in reference]
    for account_id, score, band in build:
        if account_id not in reference:
            continue
        ref_score, ref_band = reference[account_id]
        bands_agree += band == ref_band
        if not differs(score, ref_score):
            agree += 1
            continue
        bad = [i for i in indicators if differs(raw_build.get((account_id, i)), raw_reference.get((account_id, i)))]
        cause = "raw value of " + ", ".join(bad) if bad else "normalization only (ranks or group statistics)"
        causes[cause] += 1
        examples.setdefault(cause, account_id)
    only_reference = len(set(reference) - {a for a, _, _ in build})
    indicator_disagreements = Counter(
        i for (a, i), v in raw_build.items() if a in reference and differs(v, raw_reference.get((a, i))))
    summary = {"customers_build": len(build), "customers_reference": len(reference),
               "only_in_build": len(only_build), "only_in_reference": only_reference,
               "scores_agree_1e6": agree, "bands_agree": bands_agree,
               "disagreements_by_cause": dict(causes.most_common()),
               "example_per_cause": examples,
               "raw_value_disagreements_by_indicator": dict(indicator_disagreements.most_common())}
    print(f"reference vs build: {agree:,} of {len(build):,} customers' scores agree to 1e-6, "
          f"{bands_agree:,} bands agree")
    for cause, count in causes.most_common():
        print(f"  {count:,} differ: {cause} (e.g. {examples[cause]})")
    print(json.dumps(summary))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=["run", "compare"])
    parser.add_argument("--warehouse", type=Path, required=True)
    parser.add_argument("--sql", type=Path, default=SQL, help="run: another version of the reference statement")
    args = parser.parse_args()
    run(args.warehouse, args.sql) if args.action == "run" else compare(args.warehouse)


if __name__ == "__main__":
    sys.exit(main())
