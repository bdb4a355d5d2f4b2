"""scripts/generate_scale_data.py: deterministic, contract-shaped, appendable.

Generates a tiny world twice (different thread counts) and checks identical checksums,
the contract's tables/columns/types (read from the sources YAML), clean references,
and that --append-days adds rows deterministically after the latest day.
"""
import re
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
import yaml

PROJECT_DIR = Path(__file__).resolve().parents[2]
SOURCES = ("crm", "support", "survey", "marketing", "product")
SCRIPT = PROJECT_DIR / "scripts" / "generate_scale_data.py"
TINY = ["--accounts", "40", "--usage-events", "10000", "--years", "2", "--seed", "7"]
TYPES = {"text": "VARCHAR", "timestamp": "TIMESTAMP", "date": "DATE", "integer": "INTEGER", "boolean": "BOOLEAN",
         "numeric": "DECIMAL(18,2)"}


def generate(warehouse, *args):
    proc = subprocess.run([sys.executable, str(SCRIPT), "--warehouse", str(warehouse), "--checksum", *args],
                          capture_output=True, text=True, cwd=PROJECT_DIR)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    sums = dict(re.findall(r"^checksum (\S+)\s+[\d,]+\s+(\S+)$", proc.stdout, re.M))
    total = re.search(r"^checksum ALL (\S+)$", proc.stdout, re.M).group(1)
    return sums, total


def contract_columns():
    """{(source, table): [(column, data_type)]} from the five raw sources' models/staging/<source>/_<source>__sources.yml."""
    out = {}
    # the raw contract: the five raw sources (not the overrides, the account team's own table)
    for path in (PROJECT_DIR / "models" / "staging" / source / f"_{source}__sources.yml" for source in SOURCES):
        doc = yaml.safe_load(path.read_text())
        for source in doc["sources"]:
            for table in source["tables"]:
                out[(source["name"], table["name"])] = [(c["name"], c["data_type"]) for c in table["columns"]]
    return out


@pytest.fixture(scope="module")
def worlds(tmp_path_factory):
    base = tmp_path_factory.mktemp("scalegen")
    a, b = base / "a.duckdb", base / "b.duckdb"
    sums_a, total_a = generate(a, *TINY, "--threads", "2")
    sums_b, total_b = generate(b, *TINY, "--threads", "1")
    return {"a": a, "b": b, "sums": (sums_a, sums_b), "totals": (total_a, total_b)}


def test_same_arguments_give_identical_tables(worlds):
    sums_a, sums_b = worlds["sums"]
    assert len(sums_a) == 17
    assert sums_a == sums_b
    assert worlds["totals"][0] == worlds["totals"][1]


def test_every_contract_table_exists_with_its_columns_and_types(worlds):
    contract = contract_columns()
    assert len(contract) == 17
    con = duckdb.connect(str(worlds["a"]), read_only=True)
    try:
        for (source, table), columns in contract.items():
            actual = con.execute(
                "SELECT column_name, data_type FROM information_schema.columns "
                "WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position",
                [f"raw_{source}", table]).fetchall()
            assert [c for c, _ in actual] == [c for c, _ in columns], (source, table)
            for (name, expected), (_, got) in zip(columns, actual):
                # survey scores are whole numbers, landed as INTEGER like the demo seeds pin them
                want = "INTEGER" if (table, name) == ("responses", "score") else TYPES[expected]
                assert got == want, (source, table, name, got)
            assert con.execute(f"SELECT count(*) FROM raw_{source}.{table}").fetchone()[0] > 0, (source, table)
    finally:
        con.close()


def test_clean_references_resolve(worlds):
    con = duckdb.connect(str(worlds["a"]), read_only=True)
    try:
        # every deployment names a released (module, version)
        assert con.execute("""
            SELECT count(*) FROM raw_crm.deployments d
            LEFT JOIN raw_crm.product_releases r USING (product_module, version)
            WHERE r.version IS NULL""").fetchone()[0] == 0
        # parents and managers of accounts exist; the hierarchy is at most two levels deep
        assert con.execute("""
            SELECT count(*) FROM raw_crm.accounts a
            LEFT JOIN raw_crm.accounts p ON p.account_id = a.parent_account_id
            WHERE a.parent_account_id IS NOT NULL AND p.account_id IS NULL""").fetchone()[0] == 0
        assert con.execute("""
            SELECT count(*) FROM raw_crm.accounts a LEFT JOIN raw_crm.managers m USING (manager_id)
            WHERE m.manager_id IS NULL""").fetchone()[0] == 0
        # planted defects are a small share, and some exist
        bad_usage = con.execute("""
            SELECT count(*) FROM raw_product.usage_events
            WHERE occurred_at IS NULL OR occurred_at > TIMESTAMP '2030-01-01' OR account_id LIKE 'ACC-GHOST%'
               OR lower(event_type) NOT IN ('login', 'feature_use', 'feature use')""").fetchone()[0]
        total = con.execute("SELECT count(*) FROM raw_product.usage_events").fetchone()[0]
        assert 0 < bad_usage < 0.01 * total
    finally:
        con.close()


def test_usage_events_are_stored_in_day_order(worlds):
    """The incremental models skip row groups by occurred_at: the generator writes usage events day by day.
    A feature use may run past midnight, so a clean row never goes back more than a day; only the planted
    rows (appended at the end, copying earlier rows) do."""
    con = duckdb.connect(str(worlds["a"]), read_only=True)
    try:
        back, total = con.execute("""
            SELECT count(*) FILTER (WHERE day < prev_day - 1), count(*) FROM (
                SELECT CAST(occurred_at AS DATE) AS day,
                       max(CAST(occurred_at AS DATE)) OVER (ORDER BY rowid ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
                           AS prev_day
                FROM raw_product.usage_events WHERE occurred_at < TIMESTAMP '2030-01-01')""").fetchone()
        assert back < 0.01 * total
    finally:
        con.close()


def test_append_days_adds_rows_after_the_latest_day_deterministically(worlds, tmp_path):
    a2, b2 = tmp_path / "a2.duckdb", tmp_path / "b2.duckdb"
    shutil.copy(worlds["a"], a2)
    shutil.copy(worlds["b"], b2)

    def latest(path):
        con = duckdb.connect(str(path), read_only=True)
        try:
            return con.execute("SELECT max(occurred_at), count(*) FROM raw_product.usage_events "
                               "WHERE occurred_at < TIMESTAMP '2030-01-01'").fetchone()
        finally:
            con.close()

    before_ts, before_n = latest(a2)
    _, total_a = generate(a2, "--append-days", "2")
    _, total_b = generate(b2, "--append-days", "2", "--threads", "1")
    after_ts, after_n = latest(a2)
    assert total_a == total_b
    assert after_n > before_n
    assert after_ts.date() > before_ts.date()
    con = duckdb.connect(str(a2), read_only=True)
    try:
        ids = con.execute("SELECT count(*), count(DISTINCT event_id) FROM raw_product.usage_events").fetchone()
        # exact duplicates are planted on purpose (a handful); new ids never collide otherwise
        assert ids[0] - ids[1] < 0.001 * ids[0]
    finally:
        con.close()
