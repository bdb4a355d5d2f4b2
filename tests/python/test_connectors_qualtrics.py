"""Qualtrics connector adapters (issue #25, docs/connectors.md "Qualtrics").

1. The demo's surveys landed as Fivetran's Qualtrics connector lands them (scripts/engagement_data/connectors/
   qualtrics.py; the other sources in the contract's shape), built through the adapters with the survey types
   Qualtrics does not hold named in engagement__qualtrics_survey_types, give marts equal to the contract demo's.
2. Planted defects are each visible in data quality with their true reason (a deleted survey and its response, a
   survey of no known type, a respondent and an invitee no CRM contact matches), and an invitee found only by
   e-mail, spelt differently, keeps the invitation.
"""
import pytest

from conftest import query, run_dbt
from connector_landings import assert_adapter_tests_pass, built_landing, land_connector, marts_differing

from engagement_tools.engagement_data.connectors.qualtrics import write_qualtrics

pytestmark = pytest.mark.xdist_group("connectors_qualtrics")


@pytest.fixture(scope="module")
def qualtrics_landing(tmp_path_factory):
    return built_landing(tmp_path_factory, "qualtrics", write_qualtrics)


def test_qualtrics_landing_gives_the_demo_marts(qualtrics_landing, demo_warehouse):
    qualtrics_warehouse = qualtrics_landing[0]
    # the adapters really ran: Qualtrics ids, and the survey types found (NPS by its question, the rest by name)
    assert query(qualtrics_warehouse, "select survey_id, survey_type from main_staging.stg_survey__surveys "
                                      "order by 1") == [("SV_000001", "nps"), ("SV_000002", "csat"),
                                                        ("SV_000003", "ces"), ("SV_000004", "nps"),
                                                        ("SV_000005", "ces")]
    differing, report = marts_differing(demo_warehouse, qualtrics_warehouse)
    assert differing == 0, report
    assert query(qualtrics_warehouse, "select count(*) from main_marts.dim_customer_engagement")[0][0] > 200


def test_adapters_hold_their_grain_on_the_landing(qualtrics_landing):
    # the grain tests (one row per landed row; the helper models' keys) run and pass
    assert_adapter_tests_pass(*qualtrics_landing, at_least=11)


# --- planted defects ------------------------------------------------------------------------------------------------

DELETED_SURVEY, UNTYPED_SURVEY = "SV_999991", "SV_999992"
DELETED_SURVEY_RESPONSE, STRANGER_RESPONSE = "R_999991", "R_999992"
EMAIL_ONLY_INVITEE = "CID_999991"
STRANGER_INVITEE = "CID_999992"

DEFECTS = [
    f"""insert into qualtrics.survey (id, survey_name, survey_status, _fivetran_deleted)
        values ('{DELETED_SURVEY}', 'Old pulse', 'Inactive', true), ('{UNTYPED_SURVEY}', 'Pulse check', 'Active', false)""",
    f"""insert into qualtrics.question (survey_id, id, question_type, selector, data_export_tag, _fivetran_deleted)
        values ('{DELETED_SURVEY}', 'QID1', 'MC', 'NPS', 'Q1', false),
               ('{UNTYPED_SURVEY}', 'QID1', 'MC', 'SAVR', 'Q5', false)""",
    # a response to the deleted survey; a response from an address no CRM contact has
    f"""insert into qualtrics.survey_response (id, survey_id, recorded_date, finished, recipient_email)
        values ('{DELETED_SURVEY_RESPONSE}', '{DELETED_SURVEY}', timestamp '2026-06-01 10:00:00', 1,
                (select email from qualtrics.directory_contact order by id limit 1)),
               ('{STRANGER_RESPONSE}', 'SV_000001', timestamp '2026-06-01 11:00:00', 1, 'stranger@nowhere.example')""",
    f"""insert into qualtrics.question_response (_fivetran_id, response_id, question_id, value)
        values ('a', '{DELETED_SURVEY_RESPONSE}', 'QID1', '9'), ('b', '{STRANGER_RESPONSE}', 'QID1', '8')""",
    # an invitee known to Qualtrics only by e-mail, spelt otherwise than in the CRM; one no CRM contact has
    f"""insert into qualtrics.directory_contact (id, directory_id, email, ext_ref)
        select '{EMAIL_ONLY_INVITEE}', 'POOL_1', '  ' || upper(email) || ' ', null
        from (select distinct email from demo_crm.contacts where contact_id = 'CON-000002') as c""",
    f"""insert into qualtrics.directory_contact (id, directory_id, email, ext_ref)
        values ('{STRANGER_INVITEE}', 'POOL_1', 'someone@elsewhere.example', 'NOT-A-CONTACT')""",
    f"""insert into qualtrics.distribution_contact (distribution_id, contact_id, sent_at)
        values ('EMD_000001', '{EMAIL_ONLY_INVITEE}', timestamp '2026-06-02 10:00:00'),
               ('EMD_000001', '{STRANGER_INVITEE}', timestamp '2026-06-02 10:00:00')""",
]


@pytest.fixture(scope="module")
def defects_warehouse(tmp_path_factory):
    warehouse = tmp_path_factory.mktemp("qualtrics_defects") / "warehouse.duckdb"
    build_vars = land_connector(warehouse, write_qualtrics, DEFECTS)
    run_dbt(["run", "--select", "+dq_rejected_rows", "+stg_survey__invitations", "--vars", build_vars], warehouse)
    return warehouse


@pytest.mark.parametrize("table_name, row_key, code, detail", [
    ("surveys", DELETED_SURVEY, "deleted_in_source", f"qualtrics survey {DELETED_SURVEY} is deleted (_fivetran_deleted)"),
    ("responses", DELETED_SURVEY_RESPONSE, "deleted_in_source",
     f"qualtrics response {DELETED_SURVEY_RESPONSE}: qualtrics survey {DELETED_SURVEY} is deleted"),
    ("surveys", UNTYPED_SURVEY, "unmapped_value",
     f"qualtrics survey {UNTYPED_SURVEY} has no NPS question and no entry in engagement__qualtrics_survey_types"),
    ("responses", STRANGER_RESPONSE, "unmatched_identity",
     f"qualtrics response {STRANGER_RESPONSE}: qualtrics respondent stranger@nowhere.example matches no contact"),
    ("invitations", f"EMD_000001:{STRANGER_INVITEE}", "unmatched_identity",
     f"qualtrics contact {STRANGER_INVITEE} matches no contact"),
])
def test_planted_defect_is_rejected_with_its_reason(defects_warehouse, table_name, row_key, code, detail):
    rows = query(defects_warehouse, "select reason_code, reason from main_data_quality.dq_rejected_rows "
                                    "where table_name = ? and row_key = ?", [table_name, row_key])
    assert len(rows) == 1, (table_name, row_key, rows)
    assert rows[0][0] == code
    assert detail in rows[0][1]


def test_invitee_found_only_by_email_keeps_the_invitation(defects_warehouse):
    survey_id = query(defects_warehouse, "select survey_link_survey_id from qualtrics.distribution "
                                         "where id = 'EMD_000001'")[0][0]
    assert query(defects_warehouse, "select contact_id, survey_id from main_staging.stg_survey__invitations "
                                    "where invitation_id = ?", [f"EMD_000001:{EMAIL_ONLY_INVITEE}"]) \
        == [("CON-000002", survey_id)]
