"""The demo world's contract-shaped tables (seeds/demo/<source>/<table>.csv), typed as the raw contract says,
for the connector writers to reshape into each connector's landing shape."""
from __future__ import annotations

from pathlib import Path

from ..world import TABLES

DEMO_DIR = Path(__file__).resolve().parents[3] / "seeds" / "demo"


def load_contract_tables(con, demo_dir: Path = DEMO_DIR, schema: str = "demo_contract") -> str:
    """Create `schema`.<table> for every contract table from the demo CSVs, typed; return the schema name."""
    con.execute(f"create schema if not exists {schema}")
    for source, table, columns in TABLES:
        csv_file = Path(demo_dir) / source / f"{table}.csv"
        types = ", ".join(f"'{name}': '{sql_type}'" for name, sql_type in columns)
        con.execute(f"create or replace table {schema}.{table} as "
                    f"select * from read_csv('{csv_file}', header = true, columns = {{{types}}})")
    return schema


def copy_contract_tables(con, tables: list[tuple[str, str]], contract_schema: str, prefix: str = "landing_") -> None:
    """Land contract tables a connector does not yield in the contract's own shape, under <prefix><source>."""
    for source, table in tables:
        con.execute(f"create schema if not exists {prefix}{source}")
        con.execute(f"create or replace table {prefix}{source}.{table} as select * from {contract_schema}.{table}")
