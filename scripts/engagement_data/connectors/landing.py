"""Shared mechanics of the connector writers: the demo world as contract-shaped tables, connector ids, copies.

The connector writers (hubspot.py, qualtrics.py, pendo.py) re-land the shipped demo (seeds/demo/<source>/*.csv,
the raw contract's shape) as a connector would land it, so that a build through the connector adapters can be
compared with the contract-shaped demo build. They work inside one DuckDB file:

- ``demo_<source>.<table>``: the demo CSVs, every column text (load_demo);
- ``connector_ids.ids``: (entity, contract_id, connector_id): the numeric id a connector gives each demo id. The
  numbers keep the demo ids' order (same width), so anything ordered by id orders the same way;
- ``contract_<source>.<table>``: contract-shaped copies of the tables a connector does not yield (copy_contract),
  with the ids the connector changes (contacts, managers) rewritten to the connector's ids, as a user who lands
  those tables beside the connector would write them;
- the identity map (``engagement__identity_map_schema``): write_identity_map;
- the demo's manual overrides as the user's own overrides table (``engagement__overrides_schema``):
  land_overrides. The demo's overrides seed loads only where the demo is read, and a build through a
  connector reads the user's data, so a landing that should score like the demo brings them along.
"""
from __future__ import annotations

from pathlib import Path

import duckdb

DEMO_SEEDS = Path(__file__).resolve().parents[3] / "seeds" / "demo"
SOURCES = ("crm", "support", "survey", "marketing", "product")
IDENTITY_MAP_SCHEMA = "identity"
IDENTITY_MAP_TABLE = "engagement_identity_map"
OVERRIDES_SEED = Path(__file__).resolve().parents[3] / "seeds" / "scoring" / "engagement_overrides.csv"
OVERRIDES_SCHEMA = "landing_overrides"


def load_demo(con: duckdb.DuckDBPyConnection, demo_dir: Path = DEMO_SEEDS) -> None:
    """The demo CSVs as all-text tables demo_<source>.<table> (once per file)."""
    for source_dir in sorted(p for p in Path(demo_dir).iterdir() if p.is_dir()):
        con.execute(f"create schema if not exists demo_{source_dir.name}")
        for csv_file in sorted(source_dir.glob("*.csv")):
            con.execute(
                f"create table if not exists demo_{source_dir.name}.{csv_file.stem} as "
                f"select * from read_csv('{csv_file}', header = true, all_varchar = true)"
            )


def land_overrides(con: duckdb.DuckDBPyConnection, schema: str = OVERRIDES_SCHEMA) -> dict:
    """The demo's manual overrides as the user's own table <schema>.engagement_overrides (text, as landed);
    returns the dbt var that points the project at it."""
    con.execute(f"create schema if not exists {schema}")
    con.execute(f"create or replace table {schema}.engagement_overrides as select * from "
                f"read_csv('{OVERRIDES_SEED}', header = true, all_varchar = true)")
    return {"engagement__overrides_schema": schema}


def assign_ids(con: duckdb.DuckDBPyConnection, entity: str, base: int, id_queries: list[str]) -> None:
    """Give every distinct demo id the queries return a connector id base + rank (order-preserving)."""
    con.execute("create schema if not exists connector_ids")
    con.execute("create table if not exists connector_ids.ids (entity varchar, contract_id varchar, connector_id bigint)")
    con.execute("delete from connector_ids.ids where entity = ?", [entity])
    union = " union ".join(f"({q})" for q in id_queries)
    con.execute(
        f"insert into connector_ids.ids select ?, contract_id, {base} + dense_rank() over (order by contract_id) "
        f"from (select distinct contract_id from ({union}) as all_ids(contract_id) where contract_id is not null)",
        [entity],
    )


def ids_of(entity: str, column: str) -> str:
    """SQL: the connector id of the demo id in `column` (null stays null)."""
    return (f"(select connector_id from connector_ids.ids "
            f"where entity = '{entity}' and contract_id = {column})")


def copy_contract(con: duckdb.DuckDBPyConnection, source: str, tables: list[str],
                  rewrite: dict[str, str] | None = None, schema: str | None = None) -> str:
    """Copy demo_<source>.<table> for each table into `schema` (default contract_<source>), text as landed, with
    the columns in `rewrite` (column -> entity) replaced by the connector's ids. Returns the schema."""
    schema = schema or f"contract_{source}"
    rewrite = rewrite or {}
    con.execute(f"create schema if not exists {schema}")
    for table in tables:
        columns = [r[0] for r in con.execute(
            "select column_name from information_schema.columns where table_schema = ? and table_name = ? "
            "order by ordinal_position", [f"demo_{source}", table]).fetchall()]
        select = ", ".join(
            f"cast({ids_of(rewrite[c], c)} as varchar) as {c}" if c in rewrite else c for c in columns)
        con.execute(f"create or replace table {schema}.{table} as select {select} from demo_{source}.{table}")
    return schema


def write_identity_map(con: duckdb.DuckDBPyConnection, rows_sql: str) -> None:
    """Append (source_system, external_id, account_id) rows to the identity map the adapters read."""
    con.execute(f"create schema if not exists {IDENTITY_MAP_SCHEMA}")
    con.execute(f"create table if not exists {IDENTITY_MAP_SCHEMA}.{IDENTITY_MAP_TABLE} "
                "(source_system varchar, external_id varchar, account_id varchar)")
    con.execute(f"insert into {IDENTITY_MAP_SCHEMA}.{IDENTITY_MAP_TABLE} {rows_sql}")
