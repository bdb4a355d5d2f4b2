"""Pendo connector adapter (issue #25, docs/connectors.md "Pendo").

1. The demo's usage events landed as Fivetran's Pendo connector lands them (scripts/engagement_data/connectors/
   pendo.py: Pendo's own account ids, the CRM account in the Salesforce field of the latest account version or in
   the identity map; the other sources in the contract's shape) give marts equal to the contract demo's.
2. Planted defects are visible with their true reason: an account no CRM account matches (one Pendo does not
   hold, one whose Salesforce id is only in an older version), a feature with no name (kept, flagged); an event
   that names no account takes its visitor's latest account and is kept.
"""
import json

import pytest

from conftest import query, run_dbt
from connector_landings import assert_adapter_tests_pass, built_landing, land_connector, marts_differing

from engagement_tools.engagement_data.connectors.pendo import write_pendo

pytestmark = pytest.mark.xdist_group("connectors_pendo")


@pytest.fixture(scope="module")
def pendo_landing(tmp_path_factory):
    return built_landing(tmp_path_factory, "pendo", write_pendo)


def test_pendo_landing_gives_the_demo_marts(pendo_landing, demo_warehouse):
    pendo_warehouse = pendo_landing[0]
    # the adapter really ran: Pendo's hashed event ids, and no event lost to an unmatched account
    assert query(pendo_warehouse, "select count(*) from main_staging.stg_product__usage_events "
                                  "where event_id like 'USE-%'")[0][0] == 0
    assert query(pendo_warehouse, "select count(*) from main_data_quality.dq_rejected_rows "
                                  "where reason_code = 'unmatched_identity'")[0][0] == 0
    differing, report = marts_differing(demo_warehouse, pendo_warehouse)
    assert differing == 0, report
    assert query(pendo_warehouse, "select count(*) from main_marts.dim_customer_engagement")[0][0] > 200


def test_adapters_hold_their_grain_on_the_landing(pendo_landing):
    # the grain tests (one row per landed row) run and pass
    assert_adapter_tests_pass(*pendo_landing, at_least=2)


# --- planted defects ------------------------------------------------------------------------------------------------

UNKNOWN_ACCOUNT_EVENT, FORMER_ACCOUNT_EVENT, NAMELESS_FEATURE_EVENT, VISITOR_ONLY_EVENT = (
    "planted-1", "planted-2", "planted-3", "planted-4")

DEFECTS = [
    # an account whose Salesforce id is only in an older version: no account now
    """insert into pendo.account_history (id, last_updated_at, salesforce_account_id)
        values ('tenant-99998', timestamp '2024-01-01 00:00:00', 'ACC-00001'),
               ('tenant-99998', timestamp '2026-01-01 00:00:00', null)""",
    f"""insert into pendo.event (_fivetran_id, account_id, visitor_id, timestamp)
        values ('{UNKNOWN_ACCOUNT_EVENT}', 'tenant-99999', 'USR-000001', timestamp '2026-06-01 10:00:00'),
               ('{FORMER_ACCOUNT_EVENT}', 'tenant-99998', 'USR-000001', timestamp '2026-06-01 11:00:00'),
               ('{VISITOR_ONLY_EVENT}', null, 'USR-PLANTED', timestamp '2026-06-01 12:00:00')""",
    f"""insert into pendo.feature_event (_fivetran_id, account_id, visitor_id, timestamp, feature_id)
        values ('{NAMELESS_FEATURE_EVENT}', 'tenant-00001', 'USR-000001', timestamp '2026-06-01 13:00:00',
                'feat_9999')""",
    # the visitors, by version: the planted visitor's latest account is tenant-00001
    """create table pendo.visitor_history as
        select 'USR-PLANTED' as id, 'tenant-00002' as account_id, timestamp '2025-01-01 00:00:00' as last_updated_at
        union all select 'USR-PLANTED', 'tenant-00001', timestamp '2026-01-01 00:00:00'""",
]


@pytest.fixture(scope="module")
def defects_landing(tmp_path_factory):
    warehouse = tmp_path_factory.mktemp("pendo_defects") / "warehouse.duckdb"
    return warehouse, land_connector(warehouse, write_pendo, DEFECTS)


@pytest.fixture(scope="module")
def defects_warehouse(defects_landing):
    warehouse, build_vars = defects_landing
    run_dbt(["run", "--select", "+dq_rejected_rows", "+dq_flagged_values", "+stg_product__usage_events",
             "--vars", build_vars], warehouse)
    return warehouse


def crm_account_of(warehouse, tenant):
    return query(warehouse, "select contract_id from connector_ids.ids where entity = 'pendo_account' "
                            "and 'tenant-' || lpad(cast(connector_id as varchar), 5, '0') = ?", [tenant])[0][0]


@pytest.mark.parametrize("row_key, tenant", [(UNKNOWN_ACCOUNT_EVENT, "tenant-99999"),
                                             (FORMER_ACCOUNT_EVENT, "tenant-99998")])
def test_unmatched_account_is_rejected_with_its_reason(defects_warehouse, row_key, tenant):
    rows = query(defects_warehouse, "select reason_code, reason from main_data_quality.dq_rejected_rows "
                                    "where table_name = 'usage_events' and row_key = ?", [row_key])
    assert rows == [("unmatched_identity",
                     f"unmatched_identity: pendo event {row_key}: pendo account {tenant} matches no account")]


def test_nameless_feature_is_flagged_and_the_event_kept(defects_warehouse):
    flags = query(defects_warehouse, "select flag_code, flag from main_data_quality.dq_flagged_values "
                                     "where table_name = 'usage_events' and row_key = ?", [NAMELESS_FEATURE_EVENT])
    assert flags == [("unmapped_value", f"unmapped_value: pendo event {NAMELESS_FEATURE_EVENT}: pendo feature "
                                        "feat_9999 has no name in feature_history")]
    assert query(defects_warehouse, "select account_id, event_type, feature_name from "
                                    "main_staging.stg_product__usage_events where event_id = ?",
                 [NAMELESS_FEATURE_EVENT]) == [(crm_account_of(defects_warehouse, "tenant-00001"), "feature_use", None)]


def test_event_without_account_takes_its_visitors_latest(defects_warehouse):
    assert query(defects_warehouse, "select account_id, user_id from main_staging.stg_product__usage_events "
                                    "where event_id = ?", [VISITOR_ONLY_EVENT]) \
        == [(crm_account_of(defects_warehouse, "tenant-00001"), "USR-PLANTED")]


# Last in the file: it rebuilds the adapter of the defects build with another setting.
def test_account_ids_that_are_crm_ids_match_themselves(defects_landing, defects_warehouse):
    """With engagement__pendo_account_id_is_crm_id, an account neither the map nor the Salesforce field names is
    read as a CRM account id itself (here one no account has: staging's reference checks catch it, not the
    adapter); the map and the Salesforce field still come first."""
    warehouse, build_vars = defects_landing
    build_vars = json.dumps({**json.loads(build_vars), "engagement__pendo_account_id_is_crm_id": True})
    run_dbt(["run", "--select", "conn_pendo__usage_events", "--vars", build_vars], warehouse)
    rows = dict(query(warehouse, "select event_id, account_id from main_staging.conn_pendo__usage_events "
                                 "where dq_connector_reason is null and event_id in (?, ?, ?)",
                      [UNKNOWN_ACCOUNT_EVENT, FORMER_ACCOUNT_EVENT, NAMELESS_FEATURE_EVENT]))
    assert rows == {UNKNOWN_ACCOUNT_EVENT: "tenant-99999", FORMER_ACCOUNT_EVENT: "tenant-99998",
                    NAMELESS_FEATURE_EVENT: crm_account_of(warehouse, "tenant-00001")}
