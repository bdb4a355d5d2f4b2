"""Connector adapters (issue 25): Salesforce (crm), Zendesk Support (support) and Segment (product).

The demo world is landed as those connectors land it (scripts/engagement_data/connectors/: Fivetran's
Salesforce and Zendesk tables, Segment's warehouse tables, an identity map for the Zendesk organizations and
Segment groups that carry no CRM account id), the tables they do not hold in the contract's shape beside them;
each connector's own defects are planted on top (a deleted row, a picklist value no mapping knows, an
organization and a user no account matches, a requester matched only by e-mail). One build through the
connectors must give marts equal to the contract-shaped demo build (the planted rows are all rejected, the
e-mail-only requester's cases kept), and every planted row must be visible in data quality with its true reason.
"""
import json
import sys

import duckdb
import pytest

from conftest import BOOKKEEPING_COLUMNS, BUILD_WITHOUT_TESTS, PROJECT_DIR, query, run_dbt

from connector_landings import assert_adapter_tests_pass, marts_differing

from engagement_tools.engagement_data.connectors import demo_tables, salesforce, segment, zendesk
from engagement_tools.engagement_data.connectors.landing import land_overrides

CONNECTOR_VARS = {
    "engagement__crm_connector": "salesforce", "salesforce_schema": "salesforce",
    "engagement__support_connector": "zendesk", "zendesk_schema": "zendesk",
    "engagement__product_connector": "segment", "segment_schema": "segment",
    "engagement__identity_map_schema": "identity",
    # what the connectors do not hold, landed in the contract's shape
    "crm_schema": "landing_crm",
    "survey_schema": "landing_survey", "marketing_schema": "landing_marketing",
    # the demo's manual overrides, landed as the user's own (the demo's seed loads only with the demo)
    "engagement__overrides_schema": "landing_overrides",
}
BUILD_VARS = json.dumps(CONNECTOR_VARS)
CONTRACT_ONLY = [("survey", "surveys"), ("survey", "invitations"), ("survey", "responses"),
                 ("marketing", "event_registrations"), ("marketing", "email_events"), ("marketing", "advocacy")]


def land_connectors(warehouse):
    """Land the demo as Salesforce, Zendesk and Segment, plant their defects; return the planted rows
    as {(source, table, reason_code): row key}."""
    con = duckdb.connect(str(warehouse))
    try:
        contract = demo_tables.load_contract_tables(con)
        salesforce.write(con, contract)
        zendesk.write(con, contract)
        segment.write(con, contract)
        demo_tables.copy_contract_tables(con, CONTRACT_ONLY, contract)
        land_overrides(con)
        planted = {}
        for code, key in salesforce.plant_defects(con).items():
            table = "activities" if key.startswith("00T") else "opportunities"
            planted[("crm", table, code)] = key
        for code, key in zendesk.plant_defects(con).items():
            planted[("support", "cases", code)] = key
        for code, key in segment.plant_defects(con).items():
            planted[("product", "usage_events", code)] = key
        con.execute("drop schema demo_contract cascade")
    finally:
        con.close()
    return planted


@pytest.fixture(scope="module")
def connector_build(tmp_path_factory):
    warehouse = tmp_path_factory.mktemp("connectors") / "connectors.duckdb"
    planted = land_connectors(warehouse)
    run_dbt([*BUILD_WITHOUT_TESTS, "--vars", BUILD_VARS], warehouse)
    return warehouse, planted


def test_marts_equal_the_contract_shaped_demo(connector_build, demo_warehouse):
    warehouse, _ = connector_build
    differing, report = marts_differing(demo_warehouse, warehouse)
    assert differing == 0, report


def test_adapters_hold_their_grain_on_the_landing(connector_build):
    # the grain tests (one row per landed row) run and pass, with the demo's repeated keys and the planted
    # defects (deleted, unmapped, unmatched rows) among the rows: each is passed on once, for staging to classify
    warehouse, _ = connector_build
    assert_adapter_tests_pass(warehouse, BUILD_VARS, at_least=12)


def test_adapters_feed_every_row_they_hold(connector_build):
    warehouse, _ = connector_build
    # each adapter is really read: the staged rows come through it, not from a contract-shaped table
    counts = dict(query(warehouse, """
        select 'accounts', count(*) from main_staging.conn_salesforce__accounts
        union all select 'activities', count(*) from main_staging.conn_salesforce__activities
        union all select 'cases', count(*) from main_staging.conn_zendesk__cases
        union all select 'usage_events', count(*) from main_staging.conn_segment__usage_events"""))
    raw = dict(query(warehouse, """
        select table_name, count(*) from main_data_quality.dq_raw_rows
        where table_name in ('accounts', 'activities', 'cases', 'usage_events') group by table_name"""))
    assert counts == raw and all(counts.values()), (counts, raw)


def test_planted_defects_are_rejected_with_their_true_reason(connector_build):
    warehouse, planted = connector_build
    rejected = query(warehouse, """
        select source_name, table_name, row_key, reason_code, reason
        from main_data_quality.dq_rejected_rows""")
    by_key = {(source, table, key): (code, reason) for source, table, key, code, reason in rejected}
    for (source, table, code), key in planted.items():
        assert (source, table, key) in by_key, f"planted {code} row {source}.{table} {key} is not rejected"
        found_code, reason = by_key[(source, table, key)]
        assert found_code == code, f"{source}.{table} {key}: rejected as {reason!r}, planted {code}"
        assert key in reason, reason
    reasons = {by_key[(s, t, k)][1] for (s, t, _), k in planted.items()}
    assert any("zendesk ticket 990001: organization 369999999 matches no account" in r for r in reasons), reasons
    assert any("salesforce Task 00TDELETED0001 is deleted (is_deleted)" in r for r in reasons), reasons
    assert any("'Partner Referral' has no opportunity_type mapping" in r for r in reasons), reasons


def test_demo_defects_stay_rejected_through_the_connectors(connector_build):
    warehouse, _ = connector_build
    # the demo's own unknown picklist values reach the adapters as labels no mapping knows
    unmapped = dict(query(warehouse, """
        select table_name, count(*) from main_data_quality.dq_rejected_rows
        where reason_code = 'unmapped_value' group by table_name"""))
    assert unmapped.get("opportunities", 0) >= 2 and unmapped.get("activities", 0) >= 2, unmapped
    assert unmapped.get("usage_events", 0) >= 2, unmapped


def test_requester_matched_only_by_email_keeps_its_cases(connector_build):
    warehouse, _ = connector_build
    rows = query(warehouse, """
        select u.id, u.email, count(c.case_id), count(s.contact_id)
        from zendesk."user" as u
        join zendesk.ticket as t on t.requester_id = u.id
        join main_staging.conn_zendesk__cases as c on c.case_id = cast(t.id as varchar)
        left join main_staging.stg_support__cases as s on s.case_id = c.case_id and s.contact_id = c.contact_id
        where u.external_id is null
        group by u.id, u.email""")
    assert rows, "no requester landed without external_id"
    for user_id, email, cases, staged in rows:
        contact = query(warehouse, """
            select contact_id from main_staging.stg_crm__contacts where lower(email) = lower(?)""", [email])
        assert contact, f"zendesk user {user_id} ({email}) has no CRM contact to match"
        matched = query(warehouse, """
            select distinct c.contact_id from main_staging.conn_zendesk__cases as c
            join zendesk.ticket as t on c.case_id = cast(t.id as varchar) where t.requester_id = ?""", [user_id])
        assert matched == contact, (user_id, matched, contact)
        assert staged == cases, f"zendesk user {user_id}: {cases} cases, {staged} kept with the contact"


# --- landings not shaped like the demo -----------------------------------------------------------------------

def land_sparse(warehouse):
    """The demo as a leaner org lands it: every Salesforce column as text, no customer-since field, no assets or
    products; Zendesk without status history, tags or ratings; Segment without group calls."""
    land_connectors(warehouse)
    con = duckdb.connect(str(warehouse))
    try:
        for table in ("account", "opportunity", "contact", "user", "task", "event"):
            columns = [row[0] for row in con.execute(
                "select column_name from information_schema.columns where table_schema = 'salesforce' "
                "and table_name = ? order by ordinal_position", [table]).fetchall()]
            casts = ", ".join(f'cast("{c}" as varchar) as "{c}"' for c in columns if c != "customer_since__c")
            con.execute(f'create or replace table salesforce."{table}" as select {casts} from salesforce."{table}"')
        for statement in ("drop table salesforce.asset", "drop table salesforce.product_2",
                          "drop table zendesk.ticket_field_history", "drop table zendesk.ticket_tag",
                          "drop table zendesk.satisfaction_rating", "drop table segment.groups",
                          # a priority of the company's own, which no mapping knows (an optional column)
                          "update zendesk.ticket set priority = 'P1' where id = 1001"):
            con.execute(statement)
    finally:
        con.close()


SPARSE_SELECTION = ["+stg_crm__accounts", "+stg_crm__licenses", "+stg_crm__opportunities", "+stg_crm__activities",
                    "+stg_support__cases", "+base_product__usage_events"]


def classified(warehouse, source_name, table_name, sql):
    """The rows of `sql`, a query of the CTE `classified`: every raw row of the table with its fate,
    as its stg_ model classifies it (raw_table_classification; no model stores the fates of a
    table without a base model)."""
    inline = f"with {{{{ raw_table_classification('{source_name}', '{table_name}') }}}}\n{sql}"
    proc = run_dbt(["show", "--inline", inline, "--output", "json", "--log-format", "json", "--vars", BUILD_VARS],
                   warehouse)
    for line in proc.stdout.splitlines():
        event = json.loads(line) if line.startswith("{") else {}
        if event.get("info", {}).get("name") == "ShowNode":
            return [tuple(row.values()) for row in json.loads(event["data"]["preview"])]
    raise AssertionError(proc.stdout[-3000:])


@pytest.fixture(scope="module")
def sparse_build(tmp_path_factory):
    warehouse = tmp_path_factory.mktemp("connectors_sparse") / "sparse.duckdb"
    land_sparse(warehouse)
    run_dbt(["run", "-s", *SPARSE_SELECTION, "--vars", BUILD_VARS], warehouse)
    return warehouse


def test_sparse_landing_adapters_hold_their_grain(sparse_build):
    # no asset table (licenses: 0 rows of 0), no history, tags, ratings or group calls: one row per landed row still
    assert_adapter_tests_pass(sparse_build, BUILD_VARS, at_least=6, models=[
        "conn_salesforce__accounts", "conn_salesforce__licenses", "conn_salesforce__opportunities",
        "conn_salesforce__activities", "conn_zendesk__cases", "conn_segment__usage_events"])


def test_sparse_landing_builds_and_says_what_it_lacks(sparse_build):
    warehouse = sparse_build
    # no customer-since field: an account is a customer since its first won opportunity
    kept, without_won = classified(warehouse, "crm", "accounts", """
        select count(*) filter (where dq_disposition = 'kept'),
               count(*) filter (where dq_reason = 'missing_required: customer_since is null')
        from classified""")[0]
    assert kept > 250, (kept, without_won)
    derived = query(warehouse, """
        select count(*) from main_staging.stg_crm__accounts as a
        join (select account_id, min(cast(close_date as date)) as first_won from salesforce.opportunity
              where is_won = 'true' group by account_id) as o on a.account_id = o.account_id
        where a.became_customer_on is distinct from o.first_won""")[0][0]
    assert derived == 0
    # no assets: licences empty, not the demo's
    assert classified(warehouse, "crm", "licenses", "select count(*) from classified")[0][0] == 0
    # booleans landed as text still read: won opportunities are won
    won = classified(warehouse, "crm", "opportunities", "select count(*) from classified where is_won")[0][0]
    assert won > 1000, won
    # no status history: solved or closed tickets close at their last update; no tags, no ratings
    cases = classified(warehouse, "support", "cases", """
        select count(closed_at), count(*) filter (where is_escalated), count(csat_score)
        from classified where dq_disposition = 'kept'""")[0]
    assert cases[0] > 2500 and cases[1] == 0 and cases[2] == 0, cases
    # an unmapped optional picklist value: the case kept, its priority null, flagged with the label and variable
    flagged = classified(warehouse, "support", "cases", """
        select dq_disposition, priority, dq_flag from classified where case_id = '1001'""")
    assert flagged == [("kept", None, "unmapped_value: zendesk ticket 1001 priority = 'P1' has no priority mapping "
                                      "(engagement__zendesk_priorities)")], flagged
    # no group calls: the users known only through them are unmatched, named, not dropped
    unmatched = query(warehouse, """
        select count(*) from main_staging.base_product__usage_events
        where dq_reason like 'unmatched_identity: segment track % has no account%'""")[0][0]
    assert unmatched > 100, unmatched


def test_missing_connector_table_is_a_clear_error(tmp_path):
    warehouse = tmp_path / "missing.duckdb"
    land_connectors(warehouse)
    con = duckdb.connect(str(warehouse))
    con.execute('drop table salesforce."user"')
    con.close()
    proc = run_dbt(["run", "-s", "conn_salesforce__managers", "--vars", BUILD_VARS], warehouse, check=False)
    assert proc.returncode != 0
    assert "The salesforce connector's table `user` was not found" in proc.stdout, proc.stdout[-3000:]
    assert "salesforce_schema" in proc.stdout


# --- Postgres: the same landing, the same marts --------------------------------------------------------------

LANDED_SCHEMAS = ["salesforce", "zendesk", "segment", "identity", "landing_crm", "landing_survey", "landing_marketing",
                  "landing_overrides"]
POSTGRES_TYPES = {"VARCHAR": "text", "TIMESTAMP": "timestamp", "DATE": "date", "INTEGER": "integer",
                  "BIGINT": "bigint", "BOOLEAN": "boolean"}


def copy_landing_to_postgres(warehouse, engine, folder):
    """Every landed connector table of the DuckDB warehouse, typed alike, into <engine schema>_<schema>."""
    import psycopg2

    tables = query(warehouse, f"""
        select table_schema, table_name from information_schema.tables
        where table_schema in ({', '.join("'" + s + "'" for s in LANDED_SCHEMAS)}) order by 1, 2""")
    duck = duckdb.connect(str(warehouse), read_only=True)
    pg = psycopg2.connect(**engine.settings)
    try:
        with pg, pg.cursor() as cur:
            for schema in LANDED_SCHEMAS:
                cur.execute(f'create schema "{engine.schema}_{schema}"')
            for schema, table in tables:
                columns = duck.execute(
                    "select column_name, data_type from information_schema.columns "
                    "where table_schema = ? and table_name = ? order by ordinal_position", [schema, table]).fetchall()
                definition = ", ".join(
                    f'"{name}" {"numeric" + data_type[7:] if data_type.startswith("DECIMAL") else POSTGRES_TYPES[data_type]}'
                    for name, data_type in columns)
                cur.execute(f'create table "{engine.schema}_{schema}"."{table}" ({definition})')
                csv_file = folder / f"{schema}.{table}.csv"
                duck.execute(f'copy {schema}."{table}" to \'{csv_file}\' (header, delimiter \',\')')
                with open(csv_file) as data:
                    cur.copy_expert(f'copy "{engine.schema}_{schema}"."{table}" from stdin with (format csv, header)',
                                    data)
    finally:
        duck.close()
        pg.close()


@pytest.fixture(scope="module")
def postgres_connector_build(connector_build, tmp_path_factory):
    from test_cross_engine import Postgres

    warehouse, _ = connector_build
    folder = tmp_path_factory.mktemp("connectors_postgres")
    engine = Postgres(folder)
    engine.check_available()
    try:
        copy_landing_to_postgres(warehouse, engine, folder)
        schemas = {name: value for name, value in CONNECTOR_VARS.items()}
        for name, value in CONNECTOR_VARS.items():
            if name.endswith("_schema"):
                schemas[name] = f"{engine.schema}_{value}"
        build_vars = "{" + ", ".join(f"{name}: {value}" for name, value in schemas.items()) + "}"
        run_dbt([*BUILD_WITHOUT_TESTS, "--vars", build_vars], folder / "unused.duckdb", env_extra=engine.env())
        yield engine, warehouse
    finally:
        engine.cleanup()


def test_postgres_marts_equal_duckdb_through_the_connectors(postgres_connector_build):
    from test_cross_engine import ABS_TOLERANCE, ROUNDING_UNIT_TOLERANCE, TABLES, duckdb_rows, keyed, values_equal

    engine, warehouse = postgres_connector_build
    problems = []
    for (suffix, table), key_columns in TABLES.items():
        if table == "dq_manual_overrides":
            continue
        expected_columns, expected_rows = duckdb_rows(warehouse, suffix, table)
        columns, rows = engine.fetch(suffix, table)
        expected = keyed(expected_columns, expected_rows, key_columns, f"duckdb {table}")
        actual = keyed([c.lower() for c in columns], rows, key_columns, f"postgres {table}")
        if set(expected) != set(actual):
            problems.append(f"{table}: {len(set(expected) - set(actual))} rows only on DuckDB, "
                            f"{len(set(actual) - set(expected))} only on Postgres")
            continue
        differing = [(key, column) for key, row in expected.items() for column, value in row.items()
                     if column not in BOOKKEEPING_COLUMNS and not values_equal(
                         value, actual[key][column],
                         ROUNDING_UNIT_TOLERANCE if column in ("min_score", "max_score") else ABS_TOLERANCE)]
        if differing:
            problems.append(f"{table}: {len(differing)} values differ, e.g. {differing[:3]}")
    assert not problems, "\n".join(problems)


def test_a_switched_off_source_with_a_connector_named_still_parses(tmp_path):
    # the adapters of a switched-off source are disabled: its staging must not point at them
    switched_off = ("{engagement__support_connector: zendesk, engagement__using_support: false, "
                    "engagement__product_connector: segment, engagement__using_product: false}")
    proc = run_dbt(["ls", "-s", "stg_support__cases", "base_product__usage_events", "--vars", switched_off],
                   tmp_path / "parse.duckdb", check=False)
    assert proc.returncode == 0, proc.stdout[-3000:]
    assert "conn_zendesk" not in proc.stdout and "conn_segment" not in proc.stdout
