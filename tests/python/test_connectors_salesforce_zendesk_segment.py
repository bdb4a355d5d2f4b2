"""Connector adapters (issue 25): Salesforce (crm), Zendesk Support (support) and Segment (product).

The demo world is landed as those connectors land it (scripts/engagement_data/connectors/: Fivetran's
Salesforce and Zendesk tables, Segment's warehouse tables, an identity map for the Zendesk organizations and
Segment groups that carry no CRM account id), the tables they do not hold in the contract's shape beside them;
each connector's own defects are planted on top (a deleted row, a picklist value no mapping knows, an
organization and a user no account matches, a requester matched only by e-mail). One build through the
connectors must give marts equal to the contract-shaped demo build (the planted rows are all rejected, the
e-mail-only requester's cases kept), and every planted row must be visible in data quality with its true reason.
"""
import sys

import duckdb
import pytest

from conftest import BUILD_WITHOUT_TESTS, PROJECT_DIR, query, run_dbt

sys.path.insert(0, str(PROJECT_DIR / "scripts"))
from compare_warehouses import main as compare_warehouses  # noqa: E402
from engagement_data.connectors import demo_tables, salesforce, segment, zendesk  # noqa: E402

CONNECTOR_VARS = {
    "engagement__crm_connector": "salesforce", "salesforce_schema": "salesforce",
    "engagement__support_connector": "zendesk", "zendesk_schema": "zendesk",
    "engagement__product_connector": "segment", "segment_schema": "segment",
    "engagement__identity_map_schema": "identity",
    # what the connectors do not hold, landed in the contract's shape
    "crm_schema": "landing_crm",
    "survey_schema": "landing_survey", "marketing_schema": "landing_marketing",
}
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
    build_vars = "{" + ", ".join(f"{name}: {value}" for name, value in CONNECTOR_VARS.items()) + "}"
    run_dbt([*BUILD_WITHOUT_TESTS, "--vars", build_vars], warehouse)
    return warehouse, planted


def test_marts_equal_the_contract_shaped_demo(connector_build, demo_warehouse, capsys):
    warehouse, _ = connector_build
    differing = compare_warehouses([str(demo_warehouse), str(warehouse)])
    report = capsys.readouterr().out
    assert differing == 0, report


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
    assert any("zendesk organization 369999999 matches no account" in r for r in reasons), reasons
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
