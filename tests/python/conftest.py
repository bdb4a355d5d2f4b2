"""Shared fixtures: a demo warehouse built once per session, and a dbt runner.

The warehouse is the one `scripts/run_tests.sh` just built (ENGAGEMENT_TEST_WAREHOUSE),
or, when pytest runs alone, a fresh `dbt build` into a temporary directory.
"""
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

PROJECT_DIR = Path(__file__).resolve().parents[2]
DBT = str(Path(sys.executable).with_name("dbt"))


def run_dbt(args, warehouse, *, check=True, target_path=None, env_extra=None):
    """Run dbt against `warehouse` (a DuckDB file path); return the CompletedProcess."""
    env = dict(os.environ)
    env.update(
        DBT_PROFILES_DIR=str(PROJECT_DIR),
        ENGAGEMENT_DUCKDB_PATH=str(warehouse),
        ENGAGEMENT_DUCKDB_TEMP_DIR=str(Path(warehouse).parent / "tmp"),
        DBT_SEND_ANONYMOUS_USAGE_STATS="false",
    )
    env.update(env_extra or {})
    target_path = target_path or Path(warehouse).parent / "target"
    cmd = [DBT, *args, "--target-path", str(target_path), "--log-path", str(Path(warehouse).parent / "logs")]
    proc = subprocess.run(cmd, cwd=PROJECT_DIR, env=env, capture_output=True, text=True)
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
    warehouse = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    run_dbt(["build"], warehouse)
    return warehouse


@pytest.fixture
def scratch_warehouse(tmp_path):
    """A fresh, empty warehouse path for a test that builds its own variant."""
    yield tmp_path / "scratch.duckdb"
    shutil.rmtree(tmp_path, ignore_errors=True)
