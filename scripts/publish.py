"""Publish the marts to the read-only copy that readers (BI tools, the report, the dashboard) use.

DuckDB lets one writer: a reader holding the warehouse makes `dbt build` fail
("Could not set lock on file"), and a reader that opens it mid-build can see a
half-built mart. So readers never open the warehouse. After a successful build
this script copies every table of the published schemas into a NEW DuckDB file
next to the published copy, checkpoints and fsyncs it, then renames it over the
published copy (an atomic rename on the same file system). A reader that holds
the old copy keeps reading the old, complete version (its open file is not
touched); the next reader opens the new one. It never sees a half-written file,
and it never blocks a build, which writes to another file.

Each published copy has a table `main_published.publish_manifest`: one row per
published table with its row count, and when and from what it was published, and
which data the build read (data_origin: `demo` or `your_data`, from the mart
dim_engagement_data_origin). A warehouse built from the demo data never replaces a
published copy of your data (a rebuild that fell back to the demo would otherwise
show demo accounts to your readers), unless --allow-demo-over-your-data.

    python scripts/publish.py                      # warehouse/engagement.duckdb -> warehouse/published/engagement.duckdb
    python scripts/publish.py --source W --target P
"""
import argparse
import datetime as dt
import os
import sys
import uuid
from pathlib import Path

import duckdb

PROJECT_DIR = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = os.environ.get("ENGAGEMENT_DUCKDB_PATH", str(PROJECT_DIR / "warehouse" / "engagement.duckdb"))


def default_target(source):
    """$ENGAGEMENT_PUBLISHED_PATH, else published/<name> beside the warehouse."""
    source = Path(source)
    return os.environ.get("ENGAGEMENT_PUBLISHED_PATH") or str(source.parent / "published" / source.name)


# Schemas whose tables (and views, stored as tables) readers get.
DEFAULT_SCHEMAS = ("main_marts", "main_data_quality")
MANIFEST_SCHEMA = "main_published"
# Readers of DuckDB 1.1 and later can open the copy, as the warehouse itself.
STORAGE_VERSION = "v1.1.0"


def _quote(name):
    return '"' + name.replace('"', '""') + '"'


ORIGIN_TABLE = "main_marts.dim_engagement_data_origin"


def data_origin(path):
    """`demo` or `your_data`: which data the build in DuckDB file `path` read (the mart
    dim_engagement_data_origin); None when the file or the mart is absent (older builds)."""
    if not Path(path).exists():
        return None
    con = duckdb.connect(str(path), read_only=True)
    try:
        schema, table = ORIGIN_TABLE.split(".")
        found = con.execute("select count(*) from information_schema.tables where table_schema = ? "
                            "and table_name = ?", [schema, table]).fetchall()[0][0]
        return con.execute(f"select max(data_origin) from {ORIGIN_TABLE}").fetchall()[0][0] if found else None
    finally:
        con.close()


def check_origin(source_origin, target_origin, target, allow_demo_over_your_data):
    """Refuse to replace a published copy of the user's data with the demo's."""
    if source_origin == "demo" and target_origin == "your_data" and not allow_demo_over_your_data:
        raise SystemExit(
            f"publish: this build read the DEMO data shipped with the project, and {target} holds your data: "
            "left as it is. Did the build miss its source variables (docs/operations.md, \"Demo data and your "
            "data\")? To publish the demo over it anyway: --allow-demo-over-your-data.")


def publish(source, target, schemas=DEFAULT_SCHEMAS, allow_demo_over_your_data=False):
    """Copy `schemas` of the DuckDB file `source` into a new file, then atomically
    replace `target` with it. Returns the manifest rows (schema, table, rows)."""
    source, target = Path(source), Path(target)
    if not source.exists():
        raise SystemExit(f"publish: no warehouse at {source}; run `dbt build` first")
    origin = data_origin(source)
    check_origin(origin, data_origin(target), target, allow_demo_over_your_data)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = target.with_name(f".{target.name}.{uuid.uuid4().hex}.tmp")
    publish_id = uuid.uuid4().hex
    published_at = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    con = duckdb.connect()
    manifest = []
    try:
        con.execute(f"attach '{source}' as src (read_only)")
        con.execute(f"attach '{staging}' as pub (storage_version '{STORAGE_VERSION}')")
        relations = con.execute(
            "select table_schema, table_name from information_schema.tables"
            " where table_catalog = 'src' and table_schema in (select unnest(?))"
            " order by table_schema, table_name",
            [list(schemas)],
        ).fetchall()
        if not relations:
            raise SystemExit(f"publish: {source} has no tables in {', '.join(schemas)}; nothing to publish")
        for schema in sorted({s for s, _ in relations}):
            con.execute(f"create schema pub.{_quote(schema)}")
        for schema, table in relations:
            name = f"{_quote(schema)}.{_quote(table)}"
            con.execute(f"create table pub.{name} as select * from src.{name}")
            rows = con.execute(f"select count(*) from pub.{name}").fetchall()[0][0]
            manifest.append((schema, table, rows))
        con.execute(f"create schema pub.{MANIFEST_SCHEMA}")
        con.execute(
            f"create table pub.{MANIFEST_SCHEMA}.publish_manifest ("
            " table_schema varchar, table_name varchar, row_count bigint,"
            " publish_id varchar, published_at timestamp, source_path varchar, data_origin varchar)"
        )
        con.executemany(
            f"insert into pub.{MANIFEST_SCHEMA}.publish_manifest values (?, ?, ?, ?, ?, ?, ?)",
            [(s, t, n, publish_id, published_at, str(source), origin) for s, t, n in manifest],
        )
        con.execute("checkpoint pub")
        con.execute("detach pub")
        con.execute("detach src")
    except BaseException:
        con.close()
        staging.unlink(missing_ok=True)
        staging.with_name(staging.name + ".wal").unlink(missing_ok=True)
        raise
    con.close()
    with open(staging, "rb") as handle:
        os.fsync(handle.fileno())
    os.replace(staging, target)
    directory = os.open(target.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)
    return manifest


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--source", default=DEFAULT_SOURCE, help="the warehouse dbt built (default: %(default)s)")
    parser.add_argument("--target", default=None,
                        help="the published copy (default: $ENGAGEMENT_PUBLISHED_PATH, else published/<name> beside the source)")
    parser.add_argument(
        "--schema", action="append", dest="schemas",
        help=f"a schema to publish; repeatable (default: {', '.join(DEFAULT_SCHEMAS)})",
    )
    parser.add_argument("--allow-demo-over-your-data", action="store_true",
                        help="publish a build of the demo data over a published copy of your data")
    args = parser.parse_args(argv)
    target = args.target or default_target(args.source)
    manifest = publish(args.source, target, tuple(args.schemas or DEFAULT_SCHEMAS), args.allow_demo_over_your_data)
    origin = data_origin(target)
    print(f"published {len(manifest)} tables to {target}"
          + (" (the DEMO data shipped with the project, not yours)" if origin == "demo" else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
