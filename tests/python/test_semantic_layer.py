"""The semantic layer (models/semantic/): dbt parses and validates it, and MetricFlow's
`mf query` (requirements-metricflow.txt; scripts/run_tests.sh installs it) gives the
marts' figures."""
import csv
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import DBT, PROJECT_DIR, query

MF = Path(sys.executable).with_name("mf")
METRICS = {
    "engagement_score_mean", "engagement_score_contract_weighted", "customers", "contract_value",
    "alerted_customers", "manager_contract_weighted_score", "manager_alerted_customers", "book_customers",
    "book_contract_value",
}


@pytest.fixture(scope="module")
def semantic_manifest_path(parsed_target):
    """`dbt parse` of the project (conftest.parsed_target): it validates the semantic models and metrics."""
    return parsed_target / "semantic_manifest.json"


@pytest.fixture(scope="module")
def semantic_manifest(semantic_manifest_path):
    return json.loads(semantic_manifest_path.read_text())


def test_semantic_models_and_metrics_validate(semantic_manifest):
    assert {m["name"] for m in semantic_manifest["semantic_models"]} >= {
        "customer_engagement", "manager_engagement", "book_of_business_engagement"}
    assert {m["name"] for m in semantic_manifest["metrics"]} >= METRICS
    assert any(spine["node_relation"]["alias"] == "metricflow_time_spine"
               for spine in semantic_manifest["project_configuration"]["time_spines"])


def test_parse_rejects_a_metric_on_a_missing_measure(tmp_path):
    """dbt parse is the validation CI runs: a broken metric fails it."""
    project = tmp_path / "project"
    shutil.copytree(PROJECT_DIR, project, ignore=shutil.ignore_patterns(
        ".venv", "target", "logs", "warehouse", "dbt_packages", "benchmarks", ".git", "__pycache__"))
    yml = project / "models" / "semantic" / "_semantic__models.yml"
    yml.write_text(yml.read_text().replace("measure: alerted_customer_count", "measure: no_such_measure"))
    env = dict(os.environ, DBT_PROFILES_DIR=str(project), ENGAGEMENT_DUCKDB_PATH=str(tmp_path / "w.duckdb"),
               DBT_SEND_ANONYMOUS_USAGE_STATS="false")
    result = subprocess.run([DBT, "parse"], cwd=project, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode != 0
    assert "no_such_measure" in result.stdout + result.stderr


@pytest.mark.skipif(not MF.exists(), reason="MetricFlow is not installed (pip install -r requirements-metricflow.txt)")
def test_mf_query_equals_the_book_of_business_mart(demo_warehouse, semantic_manifest_path, tmp_path):
    """`mf query` of the contract-weighted score and the customers, per as-of date,
    equals fct_book_of_business_engagement's `total` rows. mf reads the project's
    target/semantic_manifest.json, which `dbt parse` writes (copied there)."""
    warehouse = tmp_path / "warehouse.duckdb"
    shutil.copyfile(demo_warehouse, warehouse)
    env = dict(os.environ, DBT_PROFILES_DIR=str(PROJECT_DIR), ENGAGEMENT_TARGET="duckdb",
               ENGAGEMENT_DUCKDB_PATH=str(warehouse), ENGAGEMENT_DUCKDB_TEMP_DIR=str(tmp_path / "tmp"),
               DBT_SEND_ANONYMOUS_USAGE_STATS="false")
    (PROJECT_DIR / "target").mkdir(exist_ok=True)
    shutil.copyfile(semantic_manifest_path, PROJECT_DIR / "target" / "semantic_manifest.json")
    output = tmp_path / "mf.csv"
    result = subprocess.run(
        [str(MF), "query", "--metrics", "engagement_score_contract_weighted,engagement_score_mean,book_customers",
         "--group-by", "metric_time__day", "--order", "metric_time__day", "--csv", str(output)],
        cwd=PROJECT_DIR, env=env, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    with output.open() as handle:
        rows = list(csv.DictReader(handle))
    expected = query(
        warehouse,
        "select cast(as_of_date as varchar), contract_weighted_score, mean_score, customers"
        " from main_marts.fct_book_of_business_engagement where breakdown = 'total' order by as_of_date",
    )
    assert len(rows) == len(expected) > 1
    for row, (as_of, cws, mean, customers) in zip(rows, expected):
        assert row["metric_time__day"].startswith(as_of)
        assert float(row["engagement_score_contract_weighted"]) == pytest.approx(cws, abs=1e-9)
        assert float(row["engagement_score_mean"]) == pytest.approx(mean, abs=1e-9)
        assert int(float(row["book_customers"])) == customers
