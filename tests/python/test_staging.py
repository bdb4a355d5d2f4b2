"""Staging keeps every raw row accounted for, and rejects exactly what the generator planted."""
import csv
from collections import Counter

from conftest import DEMO_SEEDS, PROJECT_DIR, load_landing_copy, query, run_dbt

MANIFEST = PROJECT_DIR / "tests" / "fixtures" / "demo_planted_defects.csv"


def planted_defects():
    with MANIFEST.open(newline="") as handle:
        return Counter(
            (row["table_name"], row["row_key"], row["disposition"], row["reason_code"])
            for row in csv.DictReader(handle)
        )


def test_rejected_rows_are_exactly_the_planted_defects(demo_warehouse):
    found = Counter(
        query(
            demo_warehouse,
            "select table_name, row_key, disposition, reason_code from main_data_quality.dq_rejected_rows",
        )
    )
    planted = planted_defects()
    assert found - planted == Counter(), "rejected rows the generator did not plant"
    assert planted - found == Counter(), "planted defects that staging let through"


def test_every_defect_kind_of_the_contract_is_visible(demo_warehouse):
    kinds = {
        row[0]
        for row in query(demo_warehouse, "select distinct reason_code from main_data_quality.dq_rejected_rows")
    }
    assert kinds >= {
        "duplicate_row",
        "superseded_by_later_update",
        "missing_required",
        "unknown_enum",
        "out_of_range",
        "future_timestamp",
        "orphan_reference",
    }


def test_summary_accounts_for_every_raw_row(demo_warehouse):
    for source_name, table_name, raw, kept, dup, rej in query(
        demo_warehouse,
        "select source_name, table_name, raw_rows, kept_rows, duplicate_rows, rejected_rows"
        " from main_data_quality.dq_raw_table_summary",
    ):
        csv_rows = sum(1 for _ in (DEMO_SEEDS / source_name / f"{table_name}.csv").open()) - 1
        assert raw == csv_rows, f"{table_name}: {raw} rows in the warehouse, {csv_rows} in the CSV"
        assert raw == kept + dup + rej, table_name


def test_enum_spelling_is_normalized_not_rejected(demo_warehouse):
    segments = {r[0] for r in query(demo_warehouse, "select distinct segment from main_staging.stg_crm__accounts")}
    assert segments <= {"enterprise", "mid_market", "smb", "unknown", None}
    assert {"enterprise", "mid_market", "smb"} <= segments


def test_pointing_sources_at_landing_schemas_switches_demo_seeds_off(scratch_warehouse):
    landing_vars = load_landing_copy(scratch_warehouse)
    # the overrides' staging model reads the demo seed, which `dbt run` does not load
    run_dbt(["run", "--select", "staging", "--exclude", "stg_overrides__manual_overrides", "--vars", landing_vars],
            scratch_warehouse)
    schemas = {r[0] for r in query(scratch_warehouse, "select schema_name from information_schema.schemata")}
    assert not any(s.endswith("_demo_crm") for s in schemas), "demo seeds were loaded"
    kept = query(scratch_warehouse, "select count(*) from main_staging.stg_crm__accounts")[0][0]
    assert kept > 250


def test_missing_required_column_fails_naming_table_and_column(scratch_warehouse):
    landing_vars = load_landing_copy(
        scratch_warehouse,
        edit_sql=[
            "alter table landing_crm.accounts drop column manager_id",
            "alter table landing_crm.accounts add column an_extra_column varchar",
        ],
    )
    proc = run_dbt(
        ["run", "--select", "stg_crm__accounts", "--vars", landing_vars], scratch_warehouse, check=False
    )
    assert proc.returncode != 0
    assert "crm.accounts" in proc.stdout
    assert "missing required column(s): manager_id" in proc.stdout


def test_a_raw_table_not_found_names_only_settings_that_exist(scratch_warehouse):
    """The error for an absent raw table says what to set. CRM cannot be switched off
    (source_is_used), so its message must not suggest `engagement__using_crm: false`;
    a source that can be switched off is told how."""
    proc = run_dbt(
        ["run", "--select", "stg_crm__accounts", "stg_survey__surveys",
         "--vars", "{crm_schema: nowhere, support_schema: nowhere, survey_schema: nowhere, "
                   "marketing_schema: nowhere, product_schema: nowhere}"],
        scratch_warehouse, check=False,
    )
    assert proc.returncode != 0
    errors = [line for line in proc.stdout.splitlines() if "not found at" in line]
    crm = [line for line in errors if "Raw table crm.accounts" in line]
    # survey.surveys reads no other table (support.cases would be skipped: it checks its accounts)
    survey = [line for line in errors if "Raw table survey.surveys" in line]
    assert crm and survey, proc.stdout[-3000:]
    assert "crm_schema" in crm[0] and "engagement__using_crm" not in crm[0]
    assert "CRM is required" in crm[0]
    assert "survey_schema" in survey[0] and "`engagement__using_survey: false`" in survey[0]
def test_declared_references_reject_with_the_first_failing_reason(scratch_warehouse):
    """The references each raw contract declares (column meta `references` in the sources YAML)
    are checked in column order, then the table's own check: the reason names the first that
    fails. A reference matching two columns (a deployment's version, released for its module)
    names its column; a child of a rejected parent is an orphan too."""
    landing_vars = load_landing_copy(
        scratch_warehouse,
        edit_sql=[
            "insert into landing_survey.responses values"
            " ('REF-BOTH', 'SRV-404', null, 'CON-404', null, '2026-01-01 00:00:00', '99', null),"
            " ('REF-CONTACT', 'SRV-001', null, 'CON-404', null, '2026-01-01 00:00:00', '99', null),"
            " ('REF-SCALE', 'SRV-001', null, 'CON-000001', null, '2026-01-01 00:00:00', '11', null)",
            "insert into landing_crm.deployments values"
            " ('ACC-404', 'core', '9.9', '2026-01-01 00:00:00'),"
            " ('ACC-00001', 'core', '9.9', '2026-01-01 00:00:00')",
            "insert into landing_crm.contacts values"
            " ('CON-ORPHAN', 'ACC-404', null, null, null, null, '2026-01-01 00:00:00')",
            "insert into landing_marketing.email_events values"
            " ('EML-ORPHAN', 'CON-ORPHAN', 'CMP-001', 'sent', '2026-01-01 00:00:00')",
        ],
    )
    run_dbt(["run", "--select", "staging", "+int_hierarchy_cycles",
             "+int_touchpoints_before_customer_since", "data_quality", "--exclude", "dq_indicator_health",
             "dq_manual_overrides", "stg_overrides__manual_overrides", "--vars", landing_vars], scratch_warehouse)
    rejected = dict(
        ((table, key), reason)
        for table, key, reason in query(
            scratch_warehouse, "select table_name, row_key, reason from main_data_quality.dq_rejected_rows")
    )
    assert rejected[("responses", "REF-BOTH")] == "orphan_reference: survey_id = SRV-404 not in surveys"
    assert rejected[("responses", "REF-CONTACT")] == "orphan_reference: contact_id = CON-404 not in contacts"
    assert rejected[("responses", "REF-SCALE")] == "out_of_range: score 11.000000 outside the nps scale"
    assert rejected[("deployments", "ACC-404|core|9.9")] == "orphan_reference: account_id = ACC-404 not in accounts"
    assert rejected[("deployments", "ACC-00001|core|9.9")] == (
        "orphan_reference: version = 9.9 not in product_releases")
    assert rejected[("contacts", "CON-ORPHAN")] == "orphan_reference: account_id = ACC-404 not in accounts"
    assert rejected[("email_events", "EML-ORPHAN")] == "orphan_reference: contact_id = CON-ORPHAN not in contacts"
    kept = {row[0] for row in query(scratch_warehouse,
                                    "select response_id from main_staging.stg_survey__responses")}
    assert not kept & {"REF-BOTH", "REF-CONTACT", "REF-SCALE"}
