"""HubSpot, Qualtrics and Pendo adapters on Postgres (issue #25, item 5).

The demo landed as HubSpot (crm, support, marketing), Qualtrics (survey) and Pendo (product) at once
(scripts/engagement_data/connectors/), copied into Postgres schemas of a throwaway build, built there through the
adapters with the `postgres` target, gives marts equal to the contract-shaped demo build on DuckDB (HubSpot's owner
ids read back as the demo's manager ids). Needs a server (ENGAGEMENT_POSTGRES_*, `bash scripts/postgres_server.sh
start`; scripts/run_tests.sh starts one): skipped without one, except under CI, as test_cross_engine.py.
"""
import json

import duckdb
import pytest

from conftest import BOOKKEEPING_COLUMNS, BUILD_WITHOUT_TESTS, PROJECT_DIR, query, run_dbt
from test_cross_engine import ROUNDING_UNIT_TOLERANCE, TABLES, Postgres, duckdb_rows, keyed, values_equal

from engagement_tools.engagement_data.connectors.hubspot import write_hubspot
from engagement_tools.engagement_data.connectors.pendo import write_pendo
from engagement_tools.engagement_data.connectors.qualtrics import write_qualtrics

pytestmark = pytest.mark.xdist_group("postgres")

POSTGRES_TYPES = {"BIGINT": "bigint", "INTEGER": "integer", "VARCHAR": "text", "BOOLEAN": "boolean",
                  "TIMESTAMP": "timestamp", "DATE": "date", "DOUBLE": "double precision"}


def land_all(landing):
    """Every connector of this helper's at once; returns the build vars."""
    con = duckdb.connect(str(landing))
    try:
        build_vars = {}
        # HubSpot last: its contract-shaped copies name contacts and managers by HubSpot's ids
        build_vars.update(write_qualtrics(con))
        build_vars.update(write_pendo(con))
        build_vars.update(write_hubspot(con))
        build_vars.update(engagement__survey_connector="qualtrics", engagement__product_connector="pendo")
        owners = dict(con.execute("select cast(connector_id as varchar), contract_id from connector_ids.ids "
                                  "where entity = 'owner'").fetchall())
    finally:
        con.close()
    return build_vars, owners


def copy_to_postgres(landing, engine, schemas):
    """Each DuckDB landing schema as <build schema>_<schema> in Postgres, typed as landed, by COPY."""
    import psycopg2

    con = duckdb.connect(str(landing), read_only=True)
    pg = psycopg2.connect(**engine.settings)
    try:
        with pg, pg.cursor() as cur:
            for schema in schemas:
                target = f"{engine.schema}_{schema}"
                cur.execute(f'create schema "{target}"')
                for (table,) in con.execute("select table_name from information_schema.tables "
                                            "where table_schema = ?", [schema]).fetchall():
                    columns = con.execute("select column_name, data_type from information_schema.columns "
                                          "where table_schema = ? and table_name = ? order by ordinal_position",
                                          [schema, table]).fetchall()
                    cur.execute(f'create table "{target}"."{table}" ('
                                + ", ".join(f'"{c}" {POSTGRES_TYPES.get(t, "text")}' for c, t in columns) + ")")
                    csv_file = landing.parent / f"{schema}.{table}.csv"
                    con.execute(f"copy {schema}.{table} to '{csv_file}' (header, nullstr '\\N')")
                    with open(csv_file) as f:
                        cur.copy_expert(f'copy "{target}"."{table}" from stdin with (format csv, header true, '
                                        f"null '\\N')", f)
    finally:
        con.close()
        pg.close()


@pytest.fixture(scope="module")
def postgres_connectors_build(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("connectors_postgres")
    engine = Postgres(workdir)
    engine.check_available()
    landing = workdir / "landing.duckdb"
    build_vars, owners = land_all(landing)
    schemas = sorted({value for name, value in build_vars.items() if name.endswith("_schema")})
    try:
        copy_to_postgres(landing, engine, schemas)
        build_vars.update({name: f"{engine.schema}_{value}" for name, value in build_vars.items()
                           if name.endswith("_schema")})
        run_dbt([*BUILD_WITHOUT_TESTS, "--vars", json.dumps(build_vars)], workdir / "unused.duckdb",
                env_extra=engine.env())
        yield engine, owners
    finally:
        engine.cleanup()


@pytest.mark.parametrize("suffix, table", [key for key in TABLES if key[0] == "marts"],
                         ids=[t for s, t in TABLES if s == "marts"])
def test_connectors_on_postgres_give_the_demo_marts(postgres_connectors_build, demo_warehouse, suffix, table):
    engine, owners = postgres_connectors_build
    key_columns = TABLES[(suffix, table)]
    expected_columns, expected_rows = duckdb_rows(demo_warehouse, suffix, table)
    columns, rows = engine.fetch(suffix, table)
    columns = [c.lower() for c in columns]
    assert columns == expected_columns
    # HubSpot's owner ids, read back as the demo's manager ids
    manager_positions = [columns.index(c) for c in ("manager_id", "reports_to_manager_id", "breakdown_value")
                         if c in columns]
    rows = [tuple(owners.get(v, v) if i in manager_positions else v for i, v in enumerate(row)) for row in rows]
    expected = keyed(expected_columns, expected_rows, key_columns, f"duckdb {table}")
    actual = keyed(columns, rows, key_columns, f"postgres {table}")
    assert set(expected) == set(actual), (sorted(set(expected) - set(actual), key=str)[:3],
                                          sorted(set(actual) - set(expected), key=str)[:3])
    differences = [(key, column, value, actual[key][column]) for key, row in expected.items()
                   for column, value in row.items() if column not in BOOKKEEPING_COLUMNS
                   and not values_equal(value, actual[key][column], ROUNDING_UNIT_TOLERANCE
                                        if column in ("min_score", "max_score") else 1e-6)]
    assert not differences, f"{len(differences)} values differ; first ones:\n" + "\n".join(map(str, differences[:15]))
    assert query(demo_warehouse, f"select count(*) from main_marts.{table}")[0][0] == len(actual)
