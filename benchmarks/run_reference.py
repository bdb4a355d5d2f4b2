#!/usr/bin/env python3
"""Run the single-statement reference (benchmarks/reference_score.sql) on a warehouse, and compare it with the build.

  run:     python benchmarks/run_reference.py run --warehouse W
           stores the result in reference.engagement_scores, one row per (customer,
           as-of date) (one statement; DuckDB's memory_limit and temp directory as the
           dbt profile sets them).
  compare: python benchmarks/run_reference.py compare --warehouse W
           counts the (customer, as-of date) rows whose score agrees with the build's
           (main_marts.fct_customer_engagement, every as-of date) to 1e-6, and the same
           at the current date alone (is_current); for the others, names the indicators
           whose raw values differ (main_marts.fct_customer_indicator_scores): the cause
           of each disagreement. Prints one JSON object on its last line:
             current date:  customers_build, customers_reference, only_in_build,
                            only_in_reference, scores_agree_1e6, bands_agree,
                            disagreements_by_cause, example_per_cause,
                            raw_value_disagreements_by_indicator;
             every date:    as_of_dates_build, as_of_dates_reference, rows_build,
                            rows_reference, rows_only_in_build, rows_only_in_reference,
                            rows_agree_1e6, row_bands_agree, row_segments_agree,
                            row_disagreements_by_cause, row_example_per_cause,
                            row_raw_value_disagreements_by_indicator,
                            rows_agree_by_as_of_date ({date: {agree, rows}}).

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
        print(f"reference: {rows} (customer, as-of date) rows scored")
    finally:
        con.close()


COMPARE_SQL = """
with
build as (
    select account_id, as_of_date, is_current, segment, engagement_score, band
    from main_marts.fct_customer_engagement
),

reference as (
    select account_id, as_of_date, is_current, segment, engagement_score, band
    from reference.engagement_scores
),

joined as (
    select
        coalesce(b.account_id, r.account_id) as account_id,
        coalesce(b.as_of_date, r.as_of_date) as as_of_date,
        coalesce(b.is_current, r.is_current) as is_current,
        b.account_id is not null as in_build,
        r.account_id is not null as in_reference,
        case
            when b.engagement_score is null or r.engagement_score is null
                then (b.engagement_score is null) = (r.engagement_score is null)
            else abs(b.engagement_score - r.engagement_score) <= {tolerance}
        end as score_agrees,
        b.band is not distinct from r.band as band_agrees,
        b.segment is not distinct from r.segment as segment_agrees
    from build as b
    full join reference as r on b.account_id = r.account_id and b.as_of_date = r.as_of_date
),

raw_reference as (
    select account_id, as_of_date, substr(raw_column, 5) as indicator, round(raw_value, 9) as raw_value
    from reference.engagement_scores
    unpivot include nulls (raw_value for raw_column in ({indicators}))
),

raw_differences as (
    select j.account_id, j.as_of_date, j.is_current, j.score_agrees, rr.indicator
    from joined as j
    inner join raw_reference as rr on j.account_id = rr.account_id and j.as_of_date = rr.as_of_date
    left join main_marts.fct_customer_indicator_scores as rb
        on rr.account_id = rb.account_id and rr.as_of_date = rb.as_of_date and rr.indicator = rb.indicator
    where j.in_build and j.in_reference
        and case
            when rr.raw_value is null or rb.raw_value is null then (rr.raw_value is null) != (rb.raw_value is null)
            else abs(rr.raw_value - rb.raw_value) > {tolerance}
        end
)
"""


def compare(warehouse):
    """Agreement per (customer, as-of date), and at the current date alone, with the causes of disagreements."""
    con = connect(warehouse, read_only=True)
    try:
        indicators = [r[0] for r in con.execute(
            "select column_name from information_schema.columns where table_schema = 'reference' "
            "and table_name = 'engagement_scores' and starts_with(column_name, 'raw_') "
            "order by ordinal_position").fetchall()]
        if not indicators:
            raise SystemExit(f"{warehouse} holds no reference scores (reference.engagement_scores with its "
                             "raw_ columns): run `run_reference.py run` on it first")
        sql = COMPARE_SQL.format(tolerance=TOLERANCE, indicators=", ".join(indicators))
        indicators = [column.removeprefix("raw_") for column in indicators]
        rows = con.execute(sql + """
            select account_id, as_of_date, coalesce(is_current, false), in_build, in_reference,
                coalesce(score_agrees, false), band_agrees, segment_agrees
            from joined""").fetchall()
        # raw values that differ: per disagreeing row (its cause), and per indicator over all rows
        bad_raw = {}
        for account_id, as_of_date, indicator in con.execute(sql + """
                select account_id, as_of_date, indicator from raw_differences
                where not score_agrees""").fetchall():
            bad_raw.setdefault((account_id, as_of_date), set()).add(indicator)
        by_indicator = {current: dict(con.execute(sql + f"""
                select indicator, count(*) from raw_differences {'where is_current' if current else ''}
                group by indicator order by count(*) desc, indicator""").fetchall()) for current in (True, False)}
    finally:
        con.close()

    order = {indicator: i for i, indicator in enumerate(indicators)}

    def tally(selected):
        both = [r for r in selected if r[3] and r[4]]
        causes, examples = Counter(), {}
        for account_id, as_of_date, _, _, _, agrees, _, _ in both:
            if agrees:
                continue
            bad = sorted(bad_raw.get((account_id, as_of_date), ()), key=order.get)
            cause = "raw value of " + ", ".join(bad) if bad else "normalization only (ranks or group statistics)"
            causes[cause] += 1
            examples.setdefault(cause, f"{account_id} at {as_of_date}")
        return {"build": sum(r[3] for r in selected), "reference": sum(r[4] for r in selected),
                "only_in_build": sum(r[3] and not r[4] for r in selected),
                "only_in_reference": sum(r[4] and not r[3] for r in selected),
                "agree": sum(r[5] for r in both), "bands_agree": sum(bool(r[6]) for r in both),
                "segments_agree": sum(bool(r[7]) for r in both),
                "causes": dict(causes.most_common()), "examples": examples}

    current = tally([r for r in rows if r[2]])
    every = tally(rows)
    by_date = {}
    for r in rows:
        if r[3] and r[4]:
            entry = by_date.setdefault(str(r[1]), [0, 0])
            entry[0] += r[5]
            entry[1] += 1
    summary = {
        # the current as-of date T alone (is_current)
        "customers_build": current["build"], "customers_reference": current["reference"],
        "only_in_build": current["only_in_build"], "only_in_reference": current["only_in_reference"],
        "scores_agree_1e6": current["agree"], "bands_agree": current["bands_agree"],
        "disagreements_by_cause": current["causes"], "example_per_cause": current["examples"],
        "raw_value_disagreements_by_indicator": by_indicator[True],
        # every as-of date the build scores: one row per (customer, as-of date)
        "as_of_dates_build": len({r[1] for r in rows if r[3]}),
        "as_of_dates_reference": len({r[1] for r in rows if r[4]}),
        "rows_build": every["build"], "rows_reference": every["reference"],
        "rows_only_in_build": every["only_in_build"], "rows_only_in_reference": every["only_in_reference"],
        "rows_agree_1e6": every["agree"], "row_bands_agree": every["bands_agree"],
        "row_segments_agree": every["segments_agree"],
        "row_disagreements_by_cause": every["causes"], "row_example_per_cause": every["examples"],
        "row_raw_value_disagreements_by_indicator": by_indicator[False],
        "rows_agree_by_as_of_date": {d: {"agree": a, "rows": n} for d, (a, n) in sorted(by_date.items())},
    }
    print(f"reference vs build at the current date: {current['agree']:,} of {current['build']:,} customers' "
          f"scores agree to 1e-6, {current['bands_agree']:,} bands agree")
    for cause, count in current["causes"].items():
        print(f"  {count:,} differ: {cause} (e.g. {current['examples'][cause]})")
    print(f"reference vs build at all {summary['as_of_dates_build']} as-of dates: {every['agree']:,} of "
          f"{every['build']:,} (customer, date) scores agree to 1e-6, {every['bands_agree']:,} bands agree "
          f"({every['only_in_build']:,} rows only in the build, {every['only_in_reference']:,} only in the reference)")
    for cause, count in every["causes"].items():
        print(f"  {count:,} differ: {cause} (e.g. {every['examples'][cause]})")
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
