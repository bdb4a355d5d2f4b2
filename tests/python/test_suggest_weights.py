"""Weights learnt from outcomes (scripts/suggest_weights.py).

- The learner, on generated data with a planted relation: the suggested weights
  raise the held-out AUC over uniform weights; a pure-noise indicator gets (near)
  zero weight; one that runs the wrong way, or carries no information, gets 0.
- End to end on the demo warehouse: the script reads through dbt, writes a vars
  file, and the project rebuilds with it (the registry then holds its weights).
"""
import importlib.util
import os
import shutil
import subprocess
import sys

import numpy as np
import pytest
import yaml

from conftest import PROJECT_DIR, query, run_dbt

SCRIPT = PROJECT_DIR / "scripts" / "suggest_weights.py"


def load_script():
    spec = importlib.util.spec_from_file_location("suggest_weights", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


sw = load_script()

REGISTRY = {
    "strong": {"element": "product_usage", "weight": 1.0, "element_weight": 1.0},
    "medium": {"element": "sentiment", "weight": 1.0, "element_weight": 1.0},
    "noise": {"element": "involvement", "weight": 1.0, "element_weight": 1.0},
    "wrong_way": {"element": "involvement", "weight": 1.0, "element_weight": 1.0},
    "no_information": {"element": "competitive_status", "weight": 1.0, "element_weight": 1.0},
}


def planted_rows(seed, dates=6, customers=500):
    """Indicator scores per customer and date; churn follows a low `strong` and a low
    `medium` score; `noise` is unrelated; `wrong_way` is higher among churners;
    `no_information` is excluded for everyone (what indicator health does to an
    indicator without information)."""
    rng = np.random.default_rng(seed)
    rows = []
    for d in range(dates):
        as_of = f"2026-0{d + 1}-28"
        scores = rng.uniform(0, 100, size=(customers, 4))
        shortfall = 1 - scores / 100
        eta = -5.0 + 4.0 * shortfall[:, 0] + 2.5 * shortfall[:, 1]
        churned = rng.uniform(size=customers) < 1 / (1 + np.exp(-eta))
        # wrong_way: churners score higher
        scores[:, 3] = np.clip(rng.normal(45, 20, customers) + 25 * churned, 0, 100)
        for c in range(customers):
            for i, name in enumerate(["strong", "medium", "noise", "wrong_way"]):
                rows.append({"as_of_date": as_of, "account_id": f"c{c}", "indicator": name,
                             "indicator_score": float(scores[c, i]), "is_excluded": False,
                             "is_churned": bool(churned[c])})
            rows.append({"as_of_date": as_of, "account_id": f"c{c}", "indicator": "no_information",
                         "indicator_score": None, "is_excluded": True, "is_churned": bool(churned[c])})
    return rows


def weighted_auc(data, indicators, weights):
    elements = [REGISTRY[n]["element"] for n in indicators]
    element_weights = {}
    for name, weight in zip(indicators, weights):
        element_weights[REGISTRY[name]["element"]] = element_weights.get(REGISTRY[name]["element"], 0.0) + weight
    return sw.auc_low_score(sw.project_score(data.scores, list(weights), elements, element_weights), data.churned)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_planted_relation_beats_uniform_and_noise_gets_near_zero(seed):
    indicators = sorted(REGISTRY)
    data = sw.Dataset.from_rows(planted_rows(seed), indicators)
    train, test, how = sw.split(data, seed=0)
    assert "tested on the newest" in how and len(set(test.dates.tolist())) == 1

    shares = dict(zip(indicators, sw.as_shares(sw.fit_weights(train, alpha=0.001))))
    suggested_auc = weighted_auc(test, indicators, [shares[n] for n in indicators])
    uniform_auc = weighted_auc(test, indicators, [1.0] * len(indicators))

    assert suggested_auc > uniform_auc + 0.02, (suggested_auc, uniform_auc, shares)
    assert shares["strong"] > shares["medium"] > 0.1, shares
    assert shares["noise"] < 0.05, shares          # pure noise: (near) zero
    assert shares["wrong_way"] == 0.0, shares      # never turned upside down
    assert shares["no_information"] == 0.0, shares


def test_one_observed_date_splits_by_customer():
    indicators = sorted(REGISTRY)
    data = sw.Dataset.from_rows(planted_rows(4, dates=1, customers=1500), indicators)
    train, test, how = sw.split(data, seed=0)
    assert "70% of the customers" in how
    assert not set(train.keys) & set(test.keys)
    assert len(test.keys) == pytest.approx(0.3 * len(data.keys), abs=2)
    shares = dict(zip(indicators, sw.as_shares(sw.fit_weights(train, alpha=0.001))))
    assert weighted_auc(test, indicators, [shares[n] for n in indicators]) > weighted_auc(
        test, indicators, [1.0] * len(indicators))


def test_current_weights_score_as_the_project_does(demo_warehouse):
    """The script's replica of the scoring (element means, excluded indicators dropping
    out) gives the warehouse's engagement scores, so its AUC comparisons are fair."""
    rows = query(demo_warehouse, """
        select c.as_of_date, c.account_id, c.indicator, c.indicator_score, c.is_excluded, false as is_churned
        from main_intermediate.int_indicator_contributions as c
        where c.as_of_date = (select max(as_of_date) from main_intermediate.int_indicator_contributions)
    """)
    registry = {r[0]: {"element": r[1], "weight": r[2], "element_weight": r[3]} for r in query(
        demo_warehouse, "select indicator, element, weight, element_weight from main_intermediate.int_indicator_registry")}
    indicators = sorted(registry)
    data = sw.Dataset.from_rows([dict(zip(["as_of_date", "account_id", "indicator", "indicator_score", "is_excluded",
                                           "is_churned"], r)) for r in rows], indicators)
    replica = sw.project_score(data.scores, [registry[n]["weight"] for n in indicators],
                               [registry[n]["element"] for n in indicators],
                               {registry[n]["element"]: registry[n]["element_weight"] for n in indicators})
    actual = dict(((str(d), a), s) for d, a, s in query(demo_warehouse, """
        select as_of_date, account_id, engagement_score from main_intermediate.int_customer_scores
        where as_of_date = (select max(as_of_date) from main_intermediate.int_customer_scores)"""))
    assert len(actual) == len(data.keys) > 100
    for key, value in zip(data.keys, replica):
        assert value == pytest.approx(actual[key], abs=1e-9), key


def applied_registry(warehouse):
    return dict(query(warehouse, "select indicator, weight from main_marts.dim_engagement_indicators"))


def test_suggested_registry_applies_and_project_rebuilds(demo_warehouse, tmp_path):
    warehouse = tmp_path / "apply.duckdb"
    shutil.copy(demo_warehouse, warehouse)
    output, csv_path = tmp_path / "suggested_weights.yml", tmp_path / "suggested_weights.csv"
    env = dict(os.environ, DBT_PROFILES_DIR=str(PROJECT_DIR), ENGAGEMENT_TARGET="duckdb",
               ENGAGEMENT_DUCKDB_PATH=str(warehouse), ENGAGEMENT_DUCKDB_TEMP_DIR=str(tmp_path / "tmp"),
               DBT_SEND_ANONYMOUS_USAGE_STATS="false")
    proc = subprocess.run([sys.executable, str(SCRIPT), "--output", str(output), "--csv", str(csv_path)],
                          cwd=PROJECT_DIR, env=env, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert "Held-out AUC" in proc.stdout and "suggested weights" in proc.stdout

    suggestion = yaml.safe_load(output.read_text())
    indicators = suggestion["engagement__indicator_overrides"]
    assert len(indicators) == len(applied_registry(warehouse)) and all(entry["weight"] > 0 for entry in indicators.values())
    assert sum(entry["weight"] for entry in indicators.values()) == pytest.approx(1.0, abs=2e-3)
    csv_rows = csv_path.read_text().splitlines()
    assert csv_rows[0].startswith("indicator,element,behaviour,direction,weight")
    assert len(csv_rows) - 1 == len(indicators)  # every indicator, those at 0 included

    # Apply it as docs/does_it_work.md says, and rebuild the scoring with it.
    run_dbt(["build", "--full-refresh", "--exclude-resource-type", "unit_test", "--select",
             "path:models/intermediate/indicators+", "int_indicator_registry+",
             "--vars", output.read_text()], warehouse)
    applied = applied_registry(warehouse)
    assert applied == pytest.approx({name: entry["weight"] for name, entry in indicators.items()})
    auc = query(warehouse, """select auc from main_marts.fct_score_backtest
        where score_name = 'engagement_score' and outcome = 'churned' and horizon_days = 180
          and is_pooled and segment = 'all'""")
    assert auc and auc[0][0] > 0.5


def test_current_shares_are_what_counts_on_the_data():
    """The printed "current" share is the mean effective weight over the customer-dates,
    not the registry's nominal share: an indicator without information anywhere counts 0,
    and the survivors carry the score."""
    rows = []
    for customer in ("a", "b"):
        rows.append({"as_of_date": "2026-01-31", "account_id": customer, "indicator": "strong",
                     "effective_weight": 1.0 if customer == "a" else 0.5})
        rows.append({"as_of_date": "2026-01-31", "account_id": customer, "indicator": "medium",
                     "effective_weight": 0.0 if customer == "a" else 0.5})
        rows.append({"as_of_date": "2026-01-31", "account_id": customer, "indicator": "no_information",
                     "effective_weight": 0.0})
    shares = sw.effective_shares(rows, ["medium", "no_information", "strong"])
    assert shares == {"medium": 0.25, "no_information": 0.0, "strong": 0.75}
    nominal = sw.nominal_shares(REGISTRY, sorted(REGISTRY))
    assert nominal["no_information"] > 0   # the registry alone would have printed a share for it
def test_vars_file_keeps_the_variables_it_was_run_with(tmp_path):
    """Applying the file with `--vars "$(cat suggested_weights.yml)"` (the README's command) must
    read the same data: the schema variables the suggestion was fitted with are in it, and a
    registry override the run had keeps its other settings (issue #25: the file used to drop them,
    so the rebuild read the demo)."""
    run_vars = ("{crm_schema: raw_crm, support_schema: raw_support, engagement__using_survey: false, "
                "engagement__indicator_overrides: {nps: {half_life_days: 90, weight: 3}}, "
                "engagement__element_weight_overrides: {sentiment: 0.5}}")
    entries = {"nps": {"weight": 0.25}, "csat": {"weight": 0.75}}
    output = tmp_path / "suggested_weights.yml"
    sw.write_vars_file(output, entries, {"sentiment": 0.4, "involvement": 0.6}, [], ["a header"],
                       run_vars=sw.parse_run_vars(run_vars))
    applied = yaml.safe_load(output.read_text())
    assert applied["crm_schema"] == "raw_crm" and applied["support_schema"] == "raw_support"
    assert applied["engagement__using_survey"] is False
    assert applied["engagement__indicator_overrides"] == {"nps": {"half_life_days": 90, "weight": 0.25},
                                                          "csat": {"weight": 0.75}}
    assert applied["engagement__element_weight_overrides"] == {"sentiment": 0.4, "involvement": 0.6}
    # JSON --vars read as dbt reads them; no --vars: only the suggestion
    assert sw.parse_run_vars('{"crm_schema": "raw_crm"}') == {"crm_schema": "raw_crm"}
    sw.write_vars_file(output, entries, {"sentiment": 1.0}, [], [], run_vars=sw.parse_run_vars(None))
    assert set(yaml.safe_load(output.read_text())) == {"engagement__indicator_overrides",
                                                       "engagement__element_weight_overrides"}


def test_a_warehouse_of_your_data_read_without_its_vars_is_refused():
    """Fitted on your data without the --vars it was built with, the file would rebuild from
    the demo: the script stops and says so."""
    with pytest.raises(SystemExit, match="--vars"):
        sw.check_run_vars("your_data", {})
    with pytest.raises(SystemExit, match="--vars"):
        sw.check_run_vars("your_data", {"engagement__indicator_overrides": {"nps": {"weight": 2}}})
    sw.check_run_vars("your_data", {"crm_schema": "raw_crm"})
    sw.check_run_vars("your_data", {"engagement__crm_connector": "salesforce"})
    sw.check_run_vars("demo", {})
    sw.check_run_vars(None, {})  # a warehouse built before the origin mart
