#!/usr/bin/env python3
"""Suggest indicator weights learnt from what happened next (churn within a horizon).

Reads every customer's indicator scores at the observed as-of dates (those whose
whole horizon has elapsed) and whether the customer churned within the horizon,
from a built warehouse, through the project's own dbt profile (`dbt show`, so it
works on every target: DuckDB by default, Postgres, Spark). Then:

1. fits a ridge-regularised logistic regression of churn on each indicator's
   shortfall (1 - score / 100) with non-negative coefficients (statsmodels'
   penalised likelihood, L-BFGS-B with bounds): an indicator's direction is
   already in its score, so a learnt weight never turns it upside down, and an
   indicator that does not help gets weight 0;
2. validates out of sample: fits on the older observed as-of dates and tests on
   the newest (with only one observed date, splits the customers 70/30);
3. prints the held-out AUC (churn against a low score) of the current weights,
   of uniform weights and of the suggested weights, each scored as the project
   scores (weighted means per element, excluded indicators dropping out), and
   the indicators that carry no information (suggested weight 0);
4. refits on every observed date and writes the suggestion as a file to review
   and apply; nothing in the project is edited:
   - a YAML vars file (--output, default suggested_weights.yml) holding
     `engagement__indicator_overrides` (each indicator's suggested weight) and
     `engagement__element_weight_overrides`, and every other variable it was run
     with (--vars: the schema variables), to apply over the registry seeds with
     `dbt build --full-refresh --vars "$(cat suggested_weights.yml)"`
     (the same data is read) or to paste into dbt_project.yml;
   - optionally a CSV with one row per indicator in the registry's columns (--csv).

An indicator with a suggested weight of 0 is listed in a comment at the top and
written with weight 0.0001 (today's registry requires a positive weight, and every
indicator model needs its entry); the CSV holds the true 0.

The warehouse must be built first (`bash scripts/build_demo.sh`, with the same
--vars). Examples:

    python scripts/suggest_weights.py
    python scripts/suggest_weights.py --horizon-days 90 --output /tmp/w.yml --csv /tmp/w.csv
    ENGAGEMENT_TARGET=postgres python scripts/suggest_weights.py --vars '{crm_schema: raw_crm}'
"""
from __future__ import annotations

import argparse
import contextlib
import csv
import decimal
import io
import json
import math
import os
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

import numpy as np
import yaml
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split
from statsmodels.base._penalized import PenalizedMixin
from statsmodels.base._penalties import L2
from statsmodels.discrete.discrete_model import Logit

REPO_ROOT = Path(__file__).resolve().parents[1]

# The registry's fields, in the order they are written (seeds/scoring/engagement_indicators.csv).
REGISTRY_FIELDS = ["element", "behaviour", "direction", "weight", "half_life_days", "normalization", "target",
                   "when_missing", "peer_group"]

# A suggested weight (share of the whole score) below this is reported as 0: no information.
ZERO_WEIGHT = 0.0005
# The weight written for those in the vars file: today's registry requires a positive
# weight, and every indicator model needs its registry entry, so an indicator cannot be
# left out without deleting its model. 0.0001 of the score moves it by 0.01 points at most.
REGISTRY_MIN_WEIGHT = 0.0001


class PenalizedLogit(PenalizedMixin, Logit):
    """statsmodels' Logit with a penalised likelihood (the mixin its GAMs use)."""


# --- reading through dbt ------------------------------------------------------


class DbtReader:
    """Runs `dbt show` queries (Jinja with ref()) on the profile's target, in-process.
    One temporary target folder for every query, so dbt parses the project once."""

    def __init__(self, args):
        self.args = args
        self._tmp = tempfile.TemporaryDirectory()

    def close(self):
        self._tmp.cleanup()

    def rows(self, sql: str) -> list[dict]:
        from dbt.cli.main import dbtRunner

        args, tmp = self.args, Path(self._tmp.name)
        cli = ["show", "--inline", sql, "--limit", "-1", "--log-level", "none", "--log-level-file", "none",
               "--project-dir", str(args.project_dir), "--target-path", str(tmp / "target"),
               "--log-path", str(tmp / "logs")]
        if args.profiles_dir:
            cli += ["--profiles-dir", str(args.profiles_dir)]
        if args.target:
            cli += ["--target", args.target]
        if args.vars:
            cli += ["--vars", args.vars]
        with contextlib.redirect_stdout(io.StringIO()):
            result = dbtRunner().invoke(cli)
        if not result.success:
            raise SystemExit("dbt show failed (is the warehouse built, with the same --vars and target?): "
                             f"{result.exception or 'see dbt build'}")
        table = result.result.results[0].agate_table
        return [{name: plain(value) for name, value in zip(table.column_names, row)} for row in table.rows]


def plain(value):
    """agate's Decimal as float; everything else as is."""
    return float(value) if isinstance(value, decimal.Decimal) else value


def read_registry(reader: DbtReader) -> dict[str, dict]:
    rows = reader.rows("select * from {{ ref('int_indicator_registry') }}")
    registry = {}
    for row in rows:
        entry = {field: row.get(field) for field in REGISTRY_FIELDS}
        entry["element_weight"] = row["element_weight"]
        registry[row["indicator"]] = entry
    return registry


def read_observations(reader: DbtReader, horizon_days: int) -> list[dict]:
    """One row per observed as-of date, customer and indicator: the score (null when
    excluded) and whether the customer churned within the horizon."""
    sql = f"""
        select
            contributions.as_of_date,
            contributions.account_id,
            contributions.indicator,
            contributions.indicator_score,
            -- excluded for this customer, or without information for anyone at the date
            contributions.is_excluded or contributions.effective_weight = 0 as is_excluded,
            -- the share it had in this customer's score, as scored (after drop-outs and the cap)
            contributions.effective_weight,
            outcomes.is_churned
        from {{{{ ref('int_indicator_contributions') }}}} as contributions
        inner join {{{{ ref('int_customer_outcomes') }}}} as outcomes
            on
                contributions.as_of_date = outcomes.as_of_date
                and contributions.account_id = outcomes.account_id
        where outcomes.is_observed and outcomes.horizon_days = {int(horizon_days)}
    """
    return reader.rows(sql)


# --- data set -----------------------------------------------------------------


class Dataset:
    """Customers x indicators: scores 0-100 (nan where excluded), churn, as-of date."""

    def __init__(self, indicators, keys, scores, churned):
        self.indicators = list(indicators)
        self.keys = keys                    # [(as_of_date, account_id)]
        self.scores = scores                # float array, nan = excluded / no information
        self.churned = churned              # 0/1 array
        self.dates = np.array([str(k[0]) for k in keys])

    @classmethod
    def from_rows(cls, rows, indicators):
        index = {name: i for i, name in enumerate(indicators)}
        by_key = defaultdict(lambda: [math.nan] * len(indicators))
        churn = {}
        for row in rows:
            key = (str(row["as_of_date"]), row["account_id"])
            vector = by_key[key]
            if row["indicator"] in index and row["indicator_score"] is not None and not row["is_excluded"]:
                vector[index[row["indicator"]]] = float(row["indicator_score"])
            churn[key] = bool(row["is_churned"])
        keys = sorted(by_key)
        return cls(indicators, keys, np.array([by_key[k] for k in keys], dtype=float),
                   np.array([1 if churn[k] else 0 for k in keys]))

    def subset(self, mask):
        return Dataset(self.indicators, [k for k, m in zip(self.keys, mask) if m], self.scores[mask],
                       self.churned[mask])

    def shortfall(self):
        """1 - score/100, with excluded indicators at the neutral 0.5; an indicator
        with no value for anyone at a date is neutral (constant) there."""
        return np.where(np.isnan(self.scores), 0.5, 1.0 - self.scores / 100.0)


def project_score(scores, weights, elements, element_weights):
    """Engagement score as the project computes it: per element the weighted mean of
    the indicators with a score, then the weighted mean of the elements that have one."""
    total = np.zeros(len(scores))
    element_total = np.zeros(len(scores))
    for element, element_weight in element_weights.items():
        columns = [i for i, e in enumerate(elements) if e == element and weights[i] > 0]
        if not columns or element_weight <= 0:
            continue
        block = scores[:, columns]
        w = np.array([weights[i] for i in columns])
        present = ~np.isnan(block)
        weight_sum = (present * w).sum(axis=1)
        value = np.where(present, block, 0.0) @ w
        has = weight_sum > 0
        element_score = np.divide(value, weight_sum, out=np.zeros(len(scores)), where=has)
        total += np.where(has, element_weight * element_score, 0.0)
        element_total += np.where(has, element_weight, 0.0)
    return np.divide(total, element_total, out=np.full(len(scores), np.nan), where=element_total > 0)


def auc_low_score(score, churned):
    """AUC of churn against a low score (0.5 chance); None with one class."""
    keep = ~np.isnan(score)
    if len(set(churned[keep].tolist())) < 2:
        return None
    return float(roc_auc_score(churned[keep], -score[keep]))


# --- the fit --------------------------------------------------------------------


def fit_weights(data: Dataset, alpha: float) -> np.ndarray:
    """Non-negative ridge logistic regression of churn on the shortfalls; returns the
    coefficients (one per indicator, >= 0)."""
    z = data.shortfall()
    y = data.churned.astype(float)
    n, k = z.shape
    if y.min() == y.max():
        raise SystemExit("Every training customer had the same outcome: nothing to learn weights from.")
    x = np.column_stack([np.ones(n), z])
    rate = y.mean()
    start = np.r_[math.log(rate / (1 - rate)), np.zeros(k)]
    model = PenalizedLogit(y, x, penal=L2(weights=np.r_[0.0, np.ones(k)]), pen_weight=alpha * n)
    result = model.fit(method="lbfgs", start_params=start, bounds=[(None, None)] + [(0.0, None)] * k,
                       maxiter=5000, disp=0)
    coefficients = np.clip(np.asarray(result.params)[1:], 0.0, None)
    return coefficients


def as_shares(coefficients: np.ndarray) -> np.ndarray:
    total = coefficients.sum()
    if total <= 0:
        return np.zeros_like(coefficients)
    shares = coefficients / total
    shares[shares < ZERO_WEIGHT] = 0.0
    return shares / shares.sum() if shares.sum() > 0 else shares


def split(data: Dataset, seed: int):
    dates = sorted(set(data.dates.tolist()))
    if len(dates) >= 2:
        newest = dates[-1]
        return data.subset(data.dates != newest), data.subset(data.dates == newest), \
            f"fit on {len(dates) - 1} observed as-of dates ({dates[0]} to {dates[-2]}), tested on the newest ({newest})"
    idx = np.arange(len(data.keys))
    stratify = data.churned if 0 < data.churned.sum() < len(idx) - 1 else None
    train, test = train_test_split(idx, test_size=0.3, random_state=seed, stratify=stratify)
    train_mask = np.isin(idx, train)
    return data.subset(train_mask), data.subset(~train_mask), \
        f"one observed as-of date ({dates[0] if dates else 'none'}): fit on 70% of the customers, tested on 30%"


# --- writing ------------------------------------------------------------------


def suggested_registry(registry, indicators, shares):
    """The registry with the suggested weights (shares of the whole score) and element
    weights (sums of their indicators' weights); indicators at 0 get REGISTRY_MIN_WEIGHT."""
    entries, dropped = {}, []
    element_weights = defaultdict(float)
    for name, share in zip(indicators, shares):
        if share <= 0:
            dropped.append(name)
        entry = {field: registry[name].get(field) for field in REGISTRY_FIELDS}
        entry["weight"] = round(float(share), 4) if share > 0 else REGISTRY_MIN_WEIGHT
        entries[name] = entry
        element_weights[entry["element"]] += entry["weight"]
    # Elements left without indicators keep their weight (unused, but the var stays complete).
    for entry in registry.values():
        element_weights.setdefault(entry["element"], float(entry["element_weight"]))
    return entries, {e: round(w, 4) for e, w in sorted(element_weights.items())}, dropped


def yaml_scalar(value):
    if value is None:
        return "null"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


SOURCES = ("crm", "support", "survey", "marketing", "product")


def read_data_origin(reader: DbtReader):
    """`demo` or `your_data`: what the warehouse's build read (dim_engagement_data_origin)."""
    rows = reader.rows("select data_origin from {{ ref('dim_engagement_data_origin') }}")
    return rows[0]["data_origin"] if rows else None


def check_run_vars(origin, run_vars):
    """A warehouse of your data read without the --vars it was built with: the vars file would
    hold no source variable, and applying it would rebuild from the demo. Stop."""
    pointed = any(run_vars.get(f"{s}_schema") or str(run_vars.get(f"engagement__{s}_connector") or "contract")
                  != "contract" for s in SOURCES)
    if origin == "your_data" and not pointed:
        raise SystemExit("The warehouse holds a build of your data, but no --vars point its sources: the vars file "
                         "would rebuild from the demo data. Run again with the --vars the warehouse was built with, "
                         "e.g. --vars \"$(cat my_vars.yml)\".")


def parse_run_vars(text):
    """The --vars the suggestion was fitted with, as a dict (YAML or JSON, as dbt reads them)."""
    if not text:
        return {}
    parsed = yaml.safe_load(text)
    if not isinstance(parsed, dict):
        raise SystemExit(f"--vars must be a YAML or JSON mapping, got: {text!r}")
    return parsed


def merge_run_vars(run_vars, entries, element_weights):
    """What the vars file holds: every variable of the run as it was (its schema variables, so that
    applying the file reads the same data, not the demo), with the suggested weights over the run's
    registry overrides (an indicator's other overridden settings kept)."""
    merged = dict(run_vars)
    indicators = {name: dict(settings or {})
                  for name, settings in (run_vars.get("engagement__indicator_overrides") or {}).items()}
    for name in sorted(entries):
        indicators.setdefault(name, {})["weight"] = entries[name]["weight"]
    elements = dict(run_vars.get("engagement__element_weight_overrides") or {})
    elements.update(element_weights)
    merged["engagement__indicator_overrides"] = indicators
    merged["engagement__element_weight_overrides"] = elements
    return merged


def write_vars_file(path: Path, entries, element_weights, dropped, header_lines, run_vars=None):
    merged = merge_run_vars(run_vars or {}, entries, element_weights)
    lines = ["# Suggested indicator weights, learnt from churn (scripts/suggest_weights.py).",
             "# Review, then apply with:  dbt build --full-refresh --vars \"$(cat " + path.name + ")\"",
             "# (the file holds the --vars it was fitted with too), or paste the keys into dbt_project.yml's vars.",
             *[f"# {line}" for line in header_lines]]
    if dropped:
        lines.append("# Suggested weight 0 (no information about churn), written as "
                     f"{REGISTRY_MIN_WEIGHT} (the registry needs a positive weight): " + ", ".join(dropped))
    kept = {name: value for name, value in merged.items()
            if name not in ("engagement__indicator_overrides", "engagement__element_weight_overrides")}
    if kept:
        lines.append("# The variables the suggestion was fitted with (--vars), kept as they were.")
        lines.append(yaml.safe_dump(kept, default_flow_style=False, sort_keys=False).rstrip("\n"))
    # Per-entry overrides over the registry seed (seeds/scoring/engagement_indicators.csv).
    lines.append("engagement__indicator_overrides:")
    for name, settings in merged["engagement__indicator_overrides"].items():
        lines.append(f"  {name}: {{" + ", ".join(f"{key}: {yaml_scalar(value)}" for key, value in settings.items())
                     + "}")
    lines.append("engagement__element_weight_overrides:")
    for element, weight in merged["engagement__element_weight_overrides"].items():
        lines.append(f"  {element}: {weight}")
    text = "\n".join(lines) + "\n"
    parsed = yaml.safe_load(text)  # the file must read back as what was meant
    assert set(parsed["engagement__indicator_overrides"]) >= set(entries)
    assert {name: parsed[name] for name in kept} == kept
    path.write_text(text)


def write_csv(path: Path, registry, indicators, shares):
    """One row per indicator in the registry's columns, the suggested weight (0 where it
    carries no information) and the current one."""
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["indicator", *REGISTRY_FIELDS, "current_weight"])
        for name, share in sorted(zip(indicators, shares)):
            entry = registry[name]
            writer.writerow([name, *[("" if entry[f] is None else entry[f]) if f != "weight" else round(float(share), 4)
                                     for f in REGISTRY_FIELDS], entry["weight"]])


# --- main -----------------------------------------------------------------------


def nominal_shares(registry, indicators, weights=None):
    """Each indicator's share of the whole score under the registry's (or given) weights."""
    weights = weights or {name: float(registry[name]["weight"]) for name in indicators}
    element_weights = {registry[n]["element"]: float(registry[n]["element_weight"]) for n in indicators}
    total_element = sum(element_weights.values())
    in_element = defaultdict(float)
    for name in indicators:
        in_element[registry[name]["element"]] += weights[name]
    return {name: element_weights[registry[name]["element"]] / total_element * weights[name]
            / in_element[registry[name]["element"]] for name in indicators}


def effective_shares(rows, indicators):
    """Each indicator's share of the score as it counts on this data: its effective weight
    (after indicators without data or information drop out, and the cap) averaged over
    the observed customer-dates. The registry's nominal share can be far from it: with
    most indicators out, the few left carry the score."""
    totals = defaultdict(float)
    customer_dates = set()
    for row in rows:
        customer_dates.add((str(row["as_of_date"]), row["account_id"]))
        totals[row["indicator"]] += float(row.get("effective_weight") or 0.0)
    count = max(len(customer_dates), 1)
    return {name: totals[name] / count for name in indicators}


def evaluate(data, registry, indicators, weights, element_weights):
    elements = [registry[n]["element"] for n in indicators]
    return auc_low_score(project_score(data.scores, weights, elements, element_weights), data.churned)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--horizon-days", type=int, default=180,
                        help="churn within this many days (one of engagement__outcome_horizons_days; default 180)")
    parser.add_argument("--alpha", type=float, default=0.001,
                        help="ridge penalty per customer-date on the coefficients (default 0.001); larger shrinks more")
    parser.add_argument("--output", type=Path, default=REPO_ROOT / "suggested_weights.yml",
                        help="YAML vars file to write (default suggested_weights.yml)")
    parser.add_argument("--csv", type=Path, default=None, help="also write the registry as CSV here")
    parser.add_argument("--target", default=None, help="dbt target (default: the profile's, ENGAGEMENT_TARGET)")
    parser.add_argument("--vars", default=None, help="dbt --vars, as the warehouse was built with")
    parser.add_argument("--project-dir", type=Path, default=REPO_ROOT, help="dbt project (default: this repository)")
    parser.add_argument("--profiles-dir", type=Path, default=Path(os.environ.get("DBT_PROFILES_DIR", REPO_ROOT)),
                        help="dbt profiles dir (default DBT_PROFILES_DIR, else this repository)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the customer split (one observed date only)")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures printed as JSON here")
    args = parser.parse_args(argv)

    reader = DbtReader(args)
    try:
        check_run_vars(read_data_origin(reader), parse_run_vars(args.vars))
        registry = read_registry(reader)
        rows = read_observations(reader, args.horizon_days)
    finally:
        reader.close()
    indicators = sorted(registry)
    if not rows:
        raise SystemExit(f"No observed as-of date for a {args.horizon_days}-day horizon: the history is shorter "
                         "than the horizon. Raise engagement__history_periods or pick a shorter horizon.")
    data = Dataset.from_rows(rows, indicators)
    train, test, how = split(data, args.seed)

    current_weights = [float(registry[n]["weight"]) for n in indicators]
    current_elements = {registry[n]["element"]: float(registry[n]["element_weight"]) for n in indicators}
    uniform_weights = [1.0] * len(indicators)
    uniform_elements = defaultdict(float)
    for n in indicators:
        uniform_elements[registry[n]["element"]] += 1.0

    held_out_shares = as_shares(fit_weights(train, args.alpha))
    suggested_elements = defaultdict(float)
    for n, s in zip(indicators, held_out_shares):
        suggested_elements[registry[n]["element"]] += s

    figures = {
        "validation": how,
        "horizon_days": args.horizon_days,
        "training_customer_dates": len(train.keys),
        "training_churned": int(train.churned.sum()),
        "test_customer_dates": len(test.keys),
        "test_churned": int(test.churned.sum()),
        "held_out_auc_current": evaluate(test, registry, indicators, current_weights, current_elements),
        "held_out_auc_uniform": evaluate(test, registry, indicators, uniform_weights, dict(uniform_elements)),
        "held_out_auc_suggested": evaluate(test, registry, indicators, list(held_out_shares),
                                           dict(suggested_elements)),
    }

    # The suggestion itself: refit on every observed date.
    shares = as_shares(fit_weights(data, args.alpha))
    entries, element_weights, dropped = suggested_registry(registry, indicators, shares)
    current_shares = effective_shares(rows, indicators)
    registry_shares = nominal_shares(registry, indicators)
    figures["suggested_weights"] = {n: round(float(s), 4) for n, s in zip(indicators, shares)}
    figures["current_weights"] = {n: round(current_shares[n], 4) for n in indicators}
    figures["nominal_weights"] = {n: round(registry_shares[n], 4) for n in indicators}
    figures["no_information"] = dropped

    def fmt(value):
        return "n/a (one class)" if value is None else f"{value:.3f}"

    print(f"Churn within {args.horizon_days} days; {how}.")
    print(f"  training: {figures['training_customer_dates']} customer-dates, {figures['training_churned']} churned; "
          f"test: {figures['test_customer_dates']}, {figures['test_churned']} churned")
    print("Held-out AUC (churn against a low score; 0.5 = chance):")
    print(f"  current weights    {fmt(figures['held_out_auc_current'])}")
    print(f"  uniform weights    {fmt(figures['held_out_auc_uniform'])}")
    print(f"  suggested weights  {fmt(figures['held_out_auc_suggested'])}")
    print("Share of the score per indicator: as it counts on this data (mean effective weight over the observed")
    print("customer-dates; the registry's nominal share in brackets) -> suggested, fitted on every observed date:")
    for name in sorted(indicators, key=lambda n: -figures["suggested_weights"][n]):
        print(f"  {name:24s} {figures['current_weights'][name]:.3f} ({figures['nominal_weights'][name]:.3f})"
              f" -> {figures['suggested_weights'][name]:.3f}")
    if dropped:
        print("No information about churn (suggested weight 0): " + ", ".join(dropped))
    write_vars_file(args.output, entries, element_weights, dropped,
                    [f"Churn within {args.horizon_days} days; {how}.",
                     f"Held-out AUC: current {fmt(figures['held_out_auc_current'])}, "
                     f"uniform {fmt(figures['held_out_auc_uniform'])}, "
                     f"suggested {fmt(figures['held_out_auc_suggested'])}."], run_vars=parse_run_vars(args.vars))
    print(f"Wrote {args.output} (review it, then: dbt build --full-refresh --vars \"$(cat {args.output})\")")
    if args.csv:
        write_csv(args.csv, registry, indicators, shares)
        print(f"Wrote {args.csv}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
