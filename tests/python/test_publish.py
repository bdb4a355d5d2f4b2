"""The published copy readers use (scripts/publish.py): complete, atomic, and never
in the way of a build."""
import shutil
import subprocess
import sys
import threading

import duckdb
import pytest

from conftest import PROJECT_DIR, query, run_dbt
from readers import marts_query, publish, published_demo  # noqa: F401 (fixture)


# Opens the published copy, prints its publish id and customers, waits for a line
# on stdin, then reads the same again from the same open connection.
HOLDER = """
import sys, duckdb
con = duckdb.connect(sys.argv[1], read_only=True)
def show():
    publish_id = con.execute("select distinct publish_id from main_published.publish_manifest").fetchall()
    customers = con.execute("select count(*) from main_marts.dim_customer_engagement").fetchall()[0][0]
    print(publish_id[0][0] if len(publish_id) == 1 else publish_id, customers, flush=True)
show()
sys.stdin.readline()
show()
"""


def tables_of(path, schemas=("main_marts", "main_data_quality")):
    rows = marts_query(
        path,
        "select table_schema, table_name from information_schema.tables where table_schema in (select unnest(?))",
        [list(schemas)],
    )
    return sorted(rows)


def consistent_version(path):
    """Open `path` as a reader would; return its publish id after checking every
    published table has the rows its manifest says (a half-built copy would not)."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        manifest = con.execute(
            "select table_schema, table_name, row_count, publish_id from main_published.publish_manifest"
        ).fetchall()
        assert manifest, "empty manifest"
        for schema, table, rows, _ in manifest:
            assert con.execute(f'select count(*) from "{schema}"."{table}"').fetchall()[0][0] == rows, (schema, table)
        ids = {publish_id for *_, publish_id in manifest}
        assert len(ids) == 1
        return ids.pop()
    finally:
        con.close()


def test_publish_copies_every_mart_with_its_rows(demo_warehouse, published_demo):
    assert tables_of(published_demo) == tables_of(demo_warehouse)
    for schema, table in tables_of(demo_warehouse):
        sql = f'select count(*) from "{schema}"."{table}"'
        assert marts_query(published_demo, sql) == query(demo_warehouse, sql), table
    consistent_version(published_demo)
    # the same figures, not only the same counts
    sql = ("select as_of_date, customers, contract_weighted_score from main_marts.fct_book_of_business_engagement"
           " where breakdown = 'total' order by as_of_date")
    assert marts_query(published_demo, sql) == query(demo_warehouse, sql)


def test_failed_publish_leaves_the_published_copy_alone(published_demo, tmp_path):
    target = tmp_path / "engagement.duckdb"
    shutil.copyfile(published_demo, target)
    before = consistent_version(target)
    with pytest.raises(SystemExit, match="no warehouse"):
        publish.publish(tmp_path / "missing.duckdb", target)
    with pytest.raises(SystemExit, match="nothing to publish"):
        publish.publish(published_demo, target, schemas=("no_such_schema",))
    assert consistent_version(target) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["engagement.duckdb"], "a temporary file was left behind"


def test_reader_holding_the_published_copy_never_blocks_a_build_nor_half_reads(demo_warehouse, tmp_path):
    """A reader holds the published copy open while `dbt build` and the publish step
    run; another keeps opening it. The build succeeds; the holder keeps seeing the
    old complete version; every fresh open sees one complete version, old or new."""
    warehouse = tmp_path / "warehouse.duckdb"
    shutil.copyfile(demo_warehouse, warehouse)
    # An older state of the marts: customers missing that the build brings back.
    con = duckdb.connect(str(warehouse))
    con.execute("delete from main_marts.dim_customer_engagement where segment = 'smb'")
    con.close()
    published = tmp_path / "published" / "engagement.duckdb"
    publish.publish(warehouse, published)
    old_id = consistent_version(published)
    old_customers = marts_query(published, "select count(*) from main_marts.dim_customer_engagement")[0][0]

    # The holder is another process, as a BI tool would be (in one process DuckDB
    # shares one open database per path, so a fresh connect would reuse the held one).
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(published)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    seen, errors, stop = set(), [], threading.Event()

    def keep_reading():
        while not stop.is_set():
            try:
                seen.add(consistent_version(published))
            except Exception as error:  # noqa: BLE001 (report every failure)
                errors.append(repr(error))

    reader = threading.Thread(target=keep_reading, daemon=True)
    try:
        assert holder.stdout.readline().split() == [old_id, str(old_customers)]
        reader.start()
        run_dbt(["build", "--select", "dim_customer_engagement"], warehouse)
        result = subprocess.run(
            [sys.executable, "scripts/publish.py", "--source", str(warehouse), "--target", str(published)],
            cwd=PROJECT_DIR, capture_output=True, text=True, timeout=300,
        )
        assert result.returncode == 0, result.stderr
        new_id = consistent_version(published)
        # the holder, still open, reads the old complete version
        held_after, _ = holder.communicate("again\n", timeout=60)
        assert held_after.split() == [old_id, str(old_customers)], held_after
    finally:
        stop.set()
        if reader.is_alive():
            reader.join(timeout=60)
        if holder.poll() is None:
            holder.kill()
            holder.wait(timeout=30)
    assert not errors, errors[:3]
    assert new_id != old_id
    assert seen <= {old_id, new_id} and old_id in seen
    new_customers = marts_query(published, "select count(*) from main_marts.dim_customer_engagement")[0][0]
    assert new_customers == query(demo_warehouse, "select count(*) from main_marts.dim_customer_engagement")[0][0]
    assert new_customers > old_customers


def test_publish_help():
    result = subprocess.run([sys.executable, "scripts/publish.py", "--help"], cwd=PROJECT_DIR,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and "atomic" in result.stdout


def origin_warehouse(path, origin):
    """A tiny warehouse as dbt leaves it: a mart and the build's data origin."""
    con = duckdb.connect(str(path))
    try:
        con.execute("create schema main_marts")
        con.execute("create table main_marts.dim_customer_engagement as select 'A-1' as account_id")
        con.execute("create table main_marts.dim_engagement_data_origin as select "
                    f"{'true' if origin == 'demo' else 'false'} as reads_demo_data, '{origin}' as data_origin, "
                    "'crm' as sources_read")
    finally:
        con.close()
    return path


def test_demo_data_never_replaces_a_published_copy_of_your_data(tmp_path):
    """Issue #25: a rebuild that fell back to the demo published its accounts over the user's
    copy. Now publish refuses (the copy is left alone) unless told to, and the manifest says
    which data each copy holds."""
    yours = origin_warehouse(tmp_path / "yours.duckdb", "your_data")
    demo = origin_warehouse(tmp_path / "demo.duckdb", "demo")
    target = tmp_path / "published" / "engagement.duckdb"
    publish.publish(yours, target)
    before = consistent_version(target)
    with pytest.raises(SystemExit, match="DEMO data"):
        publish.publish(demo, target)
    assert consistent_version(target) == before
    assert marts_query(target, "select distinct data_origin from main_published.publish_manifest") == [("your_data",)]
    publish.publish(demo, target, allow_demo_over_your_data=True)
    assert marts_query(target, "select distinct data_origin from main_published.publish_manifest") == [("demo",)]
    publish.publish(yours, target)  # your data replaces the demo's freely
    assert marts_query(target, "select distinct data_origin from main_published.publish_manifest") == [("your_data",)]
