"""HubSpot connector adapters (issue #25, docs/connectors.md "HubSpot").

1. The demo world landed as Fivetran's HubSpot connector lands it (scripts/engagement_data/connectors/hubspot.py:
   crm, support and marketing as HubSpot; survey and product, and the CRM tables HubSpot has no object for, in the
   contract's shape beside it), built through the adapters, gives marts equal to the contract-shaped demo build.
   HubSpot renumbers owners, so the marts' manager ids are read back through the writer's id map first.
2. Defects a HubSpot portal really has, planted on that landing, are each visible in data quality with their true
   reason (deleted, unmapped picklist value, a company no account stands for), and a contact found only by
   e-mail keeps its rows.
"""
import duckdb
import pytest

from conftest import query, run_dbt
from connector_landings import assert_adapter_tests_pass, built_landing, land_connector, marts_differing

from engagement_tools.engagement_data.connectors.hubspot import write_hubspot

pytestmark = pytest.mark.xdist_group("connectors_hubspot")


def hubspot_writer(sources=("crm", "support", "marketing")):
    return lambda con: write_hubspot(con, sources)


def marts_with_contract_manager_ids(warehouse):
    """HubSpot's owner ids in the marts' manager columns, read back as the demo's manager ids."""
    con = duckdb.connect(str(warehouse))
    try:
        for table, column in con.execute(
                "select table_name, column_name from information_schema.columns where table_schema = 'main_marts' "
                "and column_name in ('manager_id', 'reports_to_manager_id')").fetchall():
            con.execute(f"""update main_marts.{table} set {column} = ids.contract_id from connector_ids.ids
                where ids.entity = 'owner' and cast(ids.connector_id as varchar) = {table}.{column}""")
        # the book-of-business marts name the manager in breakdown_value (owner ids match nothing else there)
        for (table,) in con.execute("select table_name from information_schema.columns where table_schema = "
                                    "'main_marts' and column_name = 'breakdown_value'").fetchall():
            con.execute(f"""update main_marts.{table} set breakdown_value = ids.contract_id from connector_ids.ids
                where ids.entity = 'owner' and cast(ids.connector_id as varchar) = {table}.breakdown_value""")
    finally:
        con.close()


@pytest.fixture(scope="module")
def hubspot_landing(tmp_path_factory):
    return built_landing(tmp_path_factory, "hubspot", hubspot_writer())


def test_hubspot_landing_gives_the_demo_marts(hubspot_landing, demo_warehouse):
    hubspot_warehouse = hubspot_landing[0]
    # the adapters really ran: HubSpot's numeric ids are the contact ids, the accounts keep their CRM ids
    assert query(hubspot_warehouse, "select count(*) from main_staging.stg_crm__contacts "
                                    "where contact_id like 'CON-%'")[0][0] == 0
    assert query(hubspot_warehouse, "select count(*) from main_staging.stg_crm__accounts "
                                    "where account_id not like 'ACC-%'")[0][0] == 0
    marts_with_contract_manager_ids(hubspot_warehouse)
    differing, report = marts_differing(demo_warehouse, hubspot_warehouse)
    assert differing == 0, report
    # not two empty builds: the customers are scored
    assert query(hubspot_warehouse, "select count(*) from main_marts.dim_customer_engagement")[0][0] > 200


def test_adapters_hold_their_grain_on_the_landing(hubspot_landing):
    # the grain tests (one row per landed row; the helper models' keys) run and pass
    assert_adapter_tests_pass(*hubspot_landing, at_least=13)


@pytest.fixture(scope="module")
def hubspot_beside_crm_warehouse(tmp_path_factory):
    """HubSpot for support and marketing only, beside a CRM in the contract's shape (as beside Salesforce)."""
    return built_landing(tmp_path_factory, "hubspot_beside_crm", hubspot_writer(("support", "marketing")))[0]


def test_hubspot_beside_another_crm_gives_the_demo_marts(hubspot_beside_crm_warehouse, demo_warehouse):
    """Tickets and e-mail events find the CRM's accounts through the Salesforce-id property or the identity map,
    and its contacts (CON-...) by the HubSpot contact's or recipient's e-mail."""
    warehouse = hubspot_beside_crm_warehouse
    assert query(warehouse, "select count(*) from main_staging.stg_support__cases where contact_id like 'CON-%'")[0][0] \
        == query(warehouse, "select count(contact_id) from main_staging.stg_support__cases")[0][0] > 2000
    differing, report = marts_differing(demo_warehouse, warehouse)
    assert differing == 0, report


# --- planted defects ------------------------------------------------------------------------------------------------

DELETED_COMPANY = 10000005
DELETED_DEAL = 30000010
ARCHIVED_ENGAGEMENT = 40000020
NEW_DEAL, NEW_NOTE, NEW_TICKET, ORPHAN_TICKET = 39000001, 49000001, 69000001, 69000002
UNKNOWN_COMPANY = 19999999
EMAIL_ONLY_EVENT, UNKNOWN_RECIPIENT_EVENT = "EML-PLANTED-1", "EML-PLANTED-2"

DEFECTS = [
    f"update hubspot.company set is_deleted = true where id = {DELETED_COMPANY}",
    f"update hubspot.deal set _fivetran_deleted = true where deal_id = {DELETED_DEAL}",
    f"update hubspot.engagement set active = false where id = {ARCHIVED_ENGAGEMENT}",
    # a deal type nobody mapped
    f"""insert into hubspot.deal (deal_id, is_deleted, _fivetran_deleted, deal_pipeline_id, deal_pipeline_stage_id,
        property_dealname, property_amount, property_dealtype, property_createdate)
        values ({NEW_DEAL}, false, false, 'default', 'proposal', 'Partner deal', 1000, 'partnerdeal',
        timestamp '2026-06-01 10:00:00')""",
    f"insert into hubspot.deal_company (deal_id, company_id, type_id) values ({NEW_DEAL}, 10000001, 5)",
    # a note: not a contract activity unless mapped
    f"""insert into hubspot.engagement (id, type, timestamp, active, created_at)
        values ({NEW_NOTE}, 'NOTE', timestamp '2026-06-02 10:00:00', true, timestamp '2026-06-02 10:00:00')""",
    f"insert into hubspot.engagement_company (engagement_id, company_id) values ({NEW_NOTE}, 10000001)",
    # a ticket priority nobody mapped (kept, flagged); a ticket of a company HubSpot does not hold
    f"""insert into hubspot.ticket (id, is_deleted, _fivetran_deleted, property_createdate,
        property_hs_pipeline_stage, property_hs_ticket_priority, property_source_type)
        values ({NEW_TICKET}, false, false, timestamp '2026-06-03 10:00:00', 'open', 'P1', 'EMAIL'),
               ({ORPHAN_TICKET}, false, false, timestamp '2026-06-03 11:00:00', 'open', 'LOW', 'EMAIL')""",
    f"""insert into hubspot.ticket_company (ticket_id, company_id)
        values ({NEW_TICKET}, 10000001), ({ORPHAN_TICKET}, {UNKNOWN_COMPANY})""",
    # an e-mail event naming its recipient in other spelling than the CRM (found by e-mail, kept), and one
    # to an address no contact has
    f"""insert into hubspot.email_event (id, type, recipient, email_campaign_id, created)
        select '{EMAIL_ONLY_EVENT}', 'OPEN', '  ' || upper(property_email) || ' ', 70000001,
            timestamp '2026-06-04 10:00:00'
        from hubspot.contact where id = 20000001""",
    f"""insert into hubspot.email_event (id, type, recipient, email_campaign_id, created)
        values ('{UNKNOWN_RECIPIENT_EVENT}', 'OPEN', 'someone@elsewhere.example', 70000001,
            timestamp '2026-06-04 11:00:00')""",
]


@pytest.fixture(scope="module")
def defects_warehouse(tmp_path_factory):
    warehouse = tmp_path_factory.mktemp("hubspot_defects") / "defects.duckdb"
    build_vars = land_connector(warehouse, hubspot_writer(), DEFECTS)
    run_dbt(["run", "--select", "+dq_rejected_rows", "+dq_flagged_values", "+stg_marketing__email_events",
             "--vars", build_vars], warehouse)
    return warehouse


def rejection(warehouse, table_name, row_key):
    rows = query(warehouse, "select reason_code, reason from main_data_quality.dq_rejected_rows "
                            "where table_name = ? and row_key = ?", [table_name, str(row_key)])
    assert len(rows) == 1, (table_name, row_key, rows)
    return rows[0]


@pytest.mark.parametrize("table_name, row_key, code, detail", [
    ("accounts", "ACC-00005", "deleted_in_source", f"hubspot company {DELETED_COMPANY} is deleted (is_deleted)"),
    ("opportunities", DELETED_DEAL, "deleted_in_source", f"hubspot deal {DELETED_DEAL} is deleted (_fivetran_deleted)"),
    ("activities", ARCHIVED_ENGAGEMENT, "deleted_in_source",
     f"hubspot engagement {ARCHIVED_ENGAGEMENT} is archived (active = false)"),
    ("opportunities", NEW_DEAL, "unmapped_value",
     f"hubspot deal {NEW_DEAL} dealtype = 'partnerdeal' has no opportunity_type mapping"),
    ("activities", NEW_NOTE, "unmapped_value",
     f"hubspot engagement {NEW_NOTE} type = 'NOTE' has no activity_type mapping (engagement__hubspot_engagement_types)"),
    ("cases", ORPHAN_TICKET, "unmatched_identity",
     f"hubspot ticket {ORPHAN_TICKET}: hubspot company {UNKNOWN_COMPANY} matches no account"),
    ("email_events", UNKNOWN_RECIPIENT_EVENT, "unmatched_identity",
     f"hubspot email event {UNKNOWN_RECIPIENT_EVENT}: recipient someone@elsewhere.example matches no contact"),
])
def test_planted_defect_is_rejected_with_its_reason(defects_warehouse, table_name, row_key, code, detail):
    reason_code, reason = rejection(defects_warehouse, table_name, row_key)
    assert reason_code == code
    assert detail in reason


def test_unmapped_priority_is_flagged_and_the_ticket_kept(defects_warehouse):
    flags = query(defects_warehouse, "select flag_code, flag from main_data_quality.dq_flagged_values "
                                     "where table_name = 'cases' and row_key = ?", [str(NEW_TICKET)])
    assert [code for code, _ in flags] == ["unmapped_value"], flags
    assert f"hubspot ticket {NEW_TICKET} priority = 'P1' has no priority mapping" in flags[0][1]
    assert query(defects_warehouse, "select account_id, priority from main_staging.stg_support__cases "
                                    "where case_id = ?", [str(NEW_TICKET)]) == [("ACC-00001", None)]


def test_contact_found_only_by_email_keeps_its_rows(defects_warehouse):
    assert query(defects_warehouse, "select contact_id, event_type from main_staging.stg_marketing__email_events "
                                    "where email_event_id = ?", [EMAIL_ONLY_EVENT]) == [("20000001", "open")]
    assert query(defects_warehouse, "select count(*) from main_data_quality.dq_rejected_rows "
                                    "where row_key = ?", [EMAIL_ONLY_EVENT]) == [(0,)]
