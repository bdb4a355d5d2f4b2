"""Bad input never stops the build (issue #9).

Each test lands the demo data as all-text tables (as a CSV drop or a schemaless
loader would: conftest.load_landing_copy), damages it the way real landings are
damaged, builds, and checks that the build keeps going (or fails with the
documented message where it must), that every damaged row is visible in data
quality with its true reason, and that raw = kept + duplicate + rejected for
every table. Damages that do not interfere share one build, so the suite costs
two DuckDB builds (about 1.5 minutes on a quiet 2-core machine) plus the
Postgres one when a server is reachable.

Damaged rows are copies of a clean row under a new key (BAD-...), so one
defect never spills into another table's orphans.
"""
import subprocess
import sys

import pytest
import yaml

from conftest import PROJECT_DIR, SOURCES, load_landing_copy, query, run_dbt

KEYS = {
    ("crm", "accounts"): ["account_id"],
    ("crm", "managers"): ["manager_id"],
    ("crm", "contacts"): ["contact_id"],
    ("crm", "licenses"): ["license_id"],
    ("crm", "deployments"): ["account_id", "product_module", "version"],
    ("crm", "product_releases"): ["product_module", "version"],
    ("crm", "opportunities"): ["opportunity_id"],
    ("crm", "activities"): ["activity_id"],
    ("crm", "wallet_estimates"): ["account_id", "estimated_on"],
    ("support", "cases"): ["case_id"],
    ("survey", "surveys"): ["survey_id"],
    ("survey", "invitations"): ["invitation_id"],
    ("survey", "responses"): ["response_id"],
    ("marketing", "event_registrations"): ["registration_id"],
    ("marketing", "email_events"): ["email_event_id"],
    ("marketing", "advocacy"): ["advocacy_id"],
    ("product", "usage_events"): ["event_id"],
}
# (source, table, key, date column) of the touchpoints landed before customer_since
PRE_CUSTOMER_TOUCHPOINTS = [
    ("product", "usage_events", "event_id", "occurred_at"),
    ("support", "cases", "case_id", "opened_at"),
]
LONG_NAME = "Very Long Holdings " * 300
ODD_NAMES = {
    "BAD-LONG": LONG_NAME,
    "BAD-UNICODE": "Zürich Rückversicherung 株式会社 ☃ — ñ",
    "BAD-QUOTES": "O'Brien \"Quoted\" & Sons'; drop table accounts; --",
}


def required_columns():
    """(source, table) -> required columns, from the sources YAML (the contract)."""
    required = {}
    # the raw contract: the five raw sources (not the overrides, the account team's own table)
    for path in (PROJECT_DIR / "models" / "staging" / source / f"_{source}__sources.yml" for source in SOURCES):
        for source in yaml.safe_load(path.read_text())["sources"]:
            for table in source["tables"]:
                required[(source["name"], table["name"])] = [
                    column["name"] for column in table["columns"]
                    if ((column.get("config") or {}).get("meta") or column.get("meta") or {}).get("required")
                ]
    return required


def sql_text(value):
    return "null" if value is None else "'" + value.replace("'", "''") + "'"


def copy_row(source, table, new_values, where=None):
    """Insert a copy of the table's first clean row with some columns replaced (values as SQL)."""
    key = KEYS[(source, table)][0]
    where = where or (f"{key} = (select min({key}) from landing_{source}.{table} "
                      f"where {key} not like 'BAD-%')")
    replaced = ", ".join(f"{value} as {column}" for column, value in new_values.items())
    return (f"insert into landing_{source}.{table} "
            f"select * replace ({replaced}) from landing_{source}.{table} where {where} limit 1")


def value_damages():
    """(edit statements, expected rejections [(table, row_key or None, reason)], expected flags [(table, key, flag)])."""
    edits, rejected, flagged = [], [], []

    # Unreadable values: a required one rejects the row, an optional one is read as null and flagged.
    edits.append(copy_row("crm", "accounts", {"account_id": "'BAD-DATE'", "customer_since": "'2025-02-30'"}))
    rejected.append(("accounts", "BAD-DATE", "unreadable_value: customer_since = '2025-02-30' is not a date"))
    edits.append(copy_row("crm", "accounts", {"account_id": "'BAD-ACV'", "annual_contract_value": "'abc'"}))
    flagged.append(("accounts", "BAD-ACV", "unreadable_value: annual_contract_value = 'abc' is not a numeric"))
    edits.append(copy_row("crm", "licenses", {"license_id": "'BAD-SEATS'", "seats": "'12 seats, it''s true'"}))
    flagged.append(("licenses", "BAD-SEATS", "unreadable_value: seats = '12 seats, it's true' is not a integer"))
    edits.append(copy_row("crm", "wallet_estimates", {"estimated_on": "'2019-01-01'",
                                                         "estimated_annual_spend": "'lots'"}))
    edits.append(copy_row("survey", "responses", {"response_id": "'BAD-SCORE-TEXT'", "score": "'ten'"}))
    rejected.append(("responses", "BAD-SCORE-TEXT", "unreadable_value: score = 'ten' is not a numeric"))
    edits.append(copy_row("product", "usage_events", {"event_id": "'BAD-TS'", "occurred_at": "'yesterday'"}))
    rejected.append(("usage_events", "BAD-TS", "unreadable_value: occurred_at = 'yesterday' is not a timestamp"))
    edits.append(copy_row("crm", "managers", {"manager_id": "'BAD-BOOL'", "is_active": "'maybe'"}))
    flagged.append(("managers", "BAD-BOOL", "unreadable_value: is_active = 'maybe' is not a boolean"))

    # Negative counts and amounts: optional ones read as null and flagged, a required one rejected.
    edits.append(copy_row("crm", "accounts", {"account_id": "'BAD-NEG-ACV'", "annual_contract_value": "'-50000'"}))
    flagged.append(("accounts", "BAD-NEG-ACV", "negative_value: annual_contract_value = -50000.000000 is read as null"))
    edits.append(copy_row("crm", "licenses", {"license_id": "'BAD-NEG-SEATS'", "seats": "'-5'"}))
    flagged.append(("licenses", "BAD-NEG-SEATS", "negative_value: seats = -5 is read as null"))
    edits.append(copy_row("crm", "licenses", {"license_id": "'BAD-NEG-VALUE'", "annual_value": "'-100'"}))
    flagged.append(("licenses", "BAD-NEG-VALUE", "negative_value: annual_value = -100.000000 is read as null"))
    edits.append(copy_row("crm", "opportunities", {"opportunity_id": "'BAD-NEG-AMOUNT'", "amount": "'-1000'"}))
    flagged.append(("opportunities", "BAD-NEG-AMOUNT", "negative_value: amount = -1000.000000 is read as null"))
    edits.append(copy_row("crm", "wallet_estimates", {"estimated_on": "'2019-02-01'",
                                                         "estimated_annual_spend": "'-5'"}))

    # A version stamped five years ahead does not win "latest": it is rejected, the real one kept.
    edits.append(copy_row("crm", "accounts", {"account_name": "'From The Future'",
                                                 "updated_at": "'2031-01-01 00:00:00'"}))

    # Unknown enums, out-of-scale scores, far-future timestamps.
    for source, table, key, column, value in [
        ("crm", "activities", "activity_id", "activity_type", "party"),
        ("crm", "opportunities", "opportunity_id", "opportunity_type", "gift"),
        ("survey", "surveys", "survey_id", "survey_type", "poll"),
        ("marketing", "email_events", "email_event_id", "event_type", "forwarded"),
        ("marketing", "event_registrations", "registration_id", "event_type", "party"),
        ("product", "usage_events", "event_id", "event_type", "crash"),
    ]:
        edits.append(copy_row(source, table, {key: "'BAD-ENUM'", column: f"'{value}'"}))
        rejected.append((table, "BAD-ENUM", f"unknown_enum: {column} = {value}"))
    edits.append(copy_row("survey", "responses", {"response_id": "'BAD-SCALE'", "score": "'99'"}))
    rejected.append(("responses", "BAD-SCALE", "out_of_range:"))
    edits.append(copy_row("support", "cases", {"case_id": "'BAD-CSAT'", "csat_score": "'9'"}))
    rejected.append(("cases", "BAD-CSAT", "out_of_range: csat_score"))
    for source, table, key, column in [
        ("product", "usage_events", "event_id", "occurred_at"),
        ("marketing", "email_events", "email_event_id", "occurred_at"),
        ("support", "cases", "case_id", "opened_at"),
    ]:
        edits.append(copy_row(source, table, {key: "'BAD-FUTURE'", column: "'2999-12-31 23:59:59'"}))
        rejected.append((table, "BAD-FUTURE", f"future_timestamp: {column} is after the build time"))

    # A null in each required column of every table (but advocacy, emptied below).
    for (source, table), columns in required_columns().items():
        if table == "advocacy":
            continue
        key = KEYS[(source, table)][0]
        for column in columns:
            new_key = f"BAD-NULL-{column}"
            values = {column: "null"}
            if column != key:
                values[key] = f"'{new_key}'"
            edits.append(copy_row(source, table, values))
            row_key = None if column in KEYS[(source, table)] or len(KEYS[(source, table)]) > 1 else new_key
            rejected.append((table, row_key, f"missing_required: {column} is null"))

    # A reused event id (issue #11): two different events under one key. The one that occurred
    # first is kept, the other rejected as reused_key (not an update: events have no updated_at).
    edits.append(copy_row("product", "usage_events", {"event_id": "'BAD-REUSED'",
                                                       "occurred_at": "'2026-01-02 08:00:00'",
                                                       "event_type": "'feature_use'", "feature_name": "'reports'"}))
    edits.append(copy_row("product", "usage_events", {"event_id": "'BAD-REUSED'",
                                                       "occurred_at": "'2026-01-01 08:00:00'",
                                                       "event_type": "'login'", "feature_name": "null"}))
    rejected.append(("usage_events", "BAD-REUSED", "reused_key: event_id also names a different event; "
                                                   "the one that occurred first was kept "
                                                   "(occurred_at = 2026-01-01 08:00:00)"))
    edits.append(copy_row("crm", "activities", {"activity_id": "'BAD-REUSED'", "activity_type": "'trial'",
                                                   "occurred_at": "'2026-01-04 10:00:00'"}))
    edits.append(copy_row("crm", "activities", {"activity_id": "'BAD-REUSED'", "activity_type": "'demo'",
                                                   "occurred_at": "'2026-01-03 10:00:00'"}))
    rejected.append(("activities", "BAD-REUSED", "reused_key: activity_id also names a different event; "
                                                 "the one that occurred first was kept "
                                                 "(occurred_at = 2026-01-03 10:00:00)"))

    # Touchpoints dated 30 days before their account's (earliest) customer_since: kept and flagged.
    for source, table, key, column in PRE_CUSTOMER_TOUCHPOINTS:
        before = (f"(select cast(min(cast(accounts.customer_since as date)) - interval 30 day as varchar) "
                  f"from landing_crm.accounts as accounts "
                  f"where accounts.account_id = landing_{source}.{table}.account_id)")
        edits.append(copy_row(source, table, {key: "'BAD-PRECUSTOMER'", column: before}))

    # Very long, non-ASCII and quote-laden text is kept as it is.
    for account_id, name in ODD_NAMES.items():
        edits.append(copy_row("crm", "accounts", {"account_id": f"'{account_id}'", "account_name": sql_text(name)}))

    # Shape: an extra column, a missing optional column, an empty table.
    edits += [
        "alter table landing_crm.contacts add column loader_synced_at varchar",
        "alter table landing_crm.accounts drop column industry",
        "delete from landing_marketing.advocacy",
    ]
    return edits, rejected, flagged


def cycle_damages():
    """Self-parent, a two-account loop and a two-manager loop on real rows."""
    return [
        "update landing_crm.accounts set parent_account_id = account_id where account_id = 'ACC-00010'",
        "update landing_crm.accounts set parent_account_id = 'ACC-00012' where account_id = 'ACC-00011'",
        "update landing_crm.accounts set parent_account_id = 'ACC-00011' where account_id = 'ACC-00012'",
        "update landing_crm.managers set reports_to_manager_id = 'MGR-004' where manager_id = 'MGR-003'",
        "update landing_crm.managers set reports_to_manager_id = 'MGR-003' where manager_id = 'MGR-004'",
    ]


def raw_counts(warehouse):
    return {
        table: query(warehouse, f"select count(*) from landing_{source}.{table}")[0][0]
        for source, table in KEYS
    }


@pytest.fixture(scope="module")
def damaged_build(tmp_path_factory):
    """One full `dbt build` (models and data tests; not the unit tests, which read no landed
    data and ran in the demo's build) over a damaged all-text landing, with the documented
    as-of date variable set."""
    warehouse = tmp_path_factory.mktemp("bad_input") / "bad.duckdb"
    edits, rejected, flagged = value_damages()
    landing_vars = load_landing_copy(warehouse, edit_sql=[*edits, *cycle_damages()])
    landing_vars = landing_vars[:-1] + ", engagement__as_of_date: '2026-10-31'}"
    proc = run_dbt(["build", "--exclude-resource-type", "unit_test", "--vars", landing_vars], warehouse, check=False)
    return warehouse, proc, rejected, flagged


def test_a_damaged_text_landing_builds_with_every_test_green(damaged_build):
    warehouse, proc, _, _ = damaged_build
    assert proc.returncode == 0, proc.stdout[-6000:]
    marts = {r[0] for r in query(warehouse, "select table_name from information_schema.tables "
                                            "where table_schema = 'main_marts'")}
    assert {"fct_account_hierarchy_engagement", "fct_manager_engagement", "dim_customer_engagement",
            "fct_customer_engagement", "fct_book_of_business_engagement"} <= marts


def test_every_damaged_row_is_rejected_with_its_reason(damaged_build):
    warehouse, _, expected, _ = damaged_build
    found = query(warehouse, "select table_name, row_key, reason from main_data_quality.dq_rejected_rows "
                             "where disposition = 'rejected'")
    missing = [
        (table, key, reason) for table, key, reason in expected
        if not any(t == table and (key is None or k == key) and r.startswith(reason) for t, k, r in found)
    ]
    assert not missing, f"damaged rows not rejected with their reason: {missing}"


def test_wallet_estimates_reject_unreadable_and_negative_spend(damaged_build):
    warehouse, _, _, _ = damaged_build
    reasons = {r[0] for r in query(warehouse, "select reason from main_data_quality.dq_rejected_rows "
                                              "where table_name = 'wallet_estimates' and row_key like '%|2019-0%'")}
    assert reasons == {"unreadable_value: estimated_annual_spend = 'lots' is not a numeric",
                       "out_of_range: estimated_annual_spend is negative"}


def test_optional_values_that_cannot_be_used_are_kept_as_null_and_flagged(damaged_build):
    warehouse, _, _, expected = damaged_build
    found = set(query(warehouse, "select table_name, row_key, flag from main_data_quality.dq_flagged_values"))
    assert set(expected) <= found
    assert query(warehouse, "select seats from main_staging.stg_crm__licenses "
                            "where license_id in ('BAD-SEATS', 'BAD-NEG-SEATS')") == [(None,), (None,)]


def test_a_future_updated_at_does_not_win_latest(damaged_build):
    warehouse, _, _, _ = damaged_build
    first = query(warehouse, "select min(account_id) from landing_crm.accounts where account_id like 'ACC-%'")[0][0]
    kept = query(warehouse, "select account_name from main_staging.stg_crm__accounts where account_id = ?", [first])
    assert kept and kept[0][0] != "From The Future"
    reasons = query(warehouse, "select reason from main_data_quality.dq_rejected_rows "
                               "where table_name = 'accounts' and row_key = ?", [first])
    assert ("future_timestamp: updated_at is after the build time",) in reasons


def test_odd_text_is_kept_exactly(damaged_build):
    warehouse, _, _, _ = damaged_build
    kept = dict(query(warehouse, "select account_id, account_name from main_staging.stg_crm__accounts "
                                 "where account_id in ('BAD-LONG', 'BAD-UNICODE', 'BAD-QUOTES')"))
    assert kept == ODD_NAMES


def test_cycles_are_flagged_and_the_hierarchies_still_roll_up(damaged_build):
    warehouse, _, _, _ = damaged_build
    flags = set(query(warehouse, "select table_name, row_key, flag_code from main_data_quality.dq_flagged_values "
                                 "where flag_code = 'hierarchy_cycle'"))
    assert flags == {("accounts", "ACC-00010", "hierarchy_cycle"), ("accounts", "ACC-00011", "hierarchy_cycle"),
                     ("accounts", "ACC-00012", "hierarchy_cycle"), ("managers", "MGR-003", "hierarchy_cycle"),
                     ("managers", "MGR-004", "hierarchy_cycle")}
    # each account of a loop is read as a top: no ancestors but itself, its children still below it
    ancestors = query(warehouse, "select account_id, count(*) from main_intermediate.int_account_hierarchy_paths "
                                 "where account_id in ('ACC-00010', 'ACC-00011', 'ACC-00012') group by account_id")
    assert sorted(ancestors) == [("ACC-00010", 1), ("ACC-00011", 1), ("ACC-00012", 1)]
    parents_with_children = {r[0] for r in query(warehouse, "select ancestor_account_id "
                                                           "from main_intermediate.int_account_hierarchy_paths "
                                                           "where depth > 0")}
    rolled = {r[0] for r in query(warehouse, "select distinct account_id "
                                             "from main_marts.fct_account_hierarchy_engagement")}
    assert {"ACC-00010", "ACC-00011", "ACC-00012"} & parents_with_children <= rolled
    managers = query(warehouse, "select count(distinct manager_id) from main_marts.fct_manager_engagement "
                                "where manager_id in ('MGR-003', 'MGR-004')")[0][0]
    assert managers == 2


def test_raw_rows_are_kept_duplicate_or_rejected(damaged_build):
    warehouse, _, _, _ = damaged_build
    landed = raw_counts(warehouse)
    summary = query(warehouse, "select table_name, raw_rows, kept_rows, duplicate_rows, rejected_rows "
                               "from main_data_quality.dq_raw_table_summary")
    assert len(summary) == len(KEYS)
    for table, raw, kept, duplicate, rejected in summary:
        assert raw == landed[table], table
        assert raw == kept + duplicate + rejected, table
    assert landed["advocacy"] == 0


def test_a_reused_event_id_keeps_the_first_event(damaged_build):
    """Two different events under one id: neither is an update of the other. The earlier one is
    kept; the other is rejected as reused_key (its reason checked in
    test_every_damaged_row_is_rejected_with_its_reason), never as superseded_by_later_update."""
    warehouse, _, _, _ = damaged_build
    kept = query(warehouse, "select occurred_at, event_type from main_staging.stg_product__usage_events "
                            "where event_id = 'BAD-REUSED'")
    assert [(str(at), event_type) for at, event_type in kept] == [("2026-01-01 08:00:00", "login")]
    kept = query(warehouse, "select activity_type from main_staging.stg_crm__activities "
                            "where activity_id = 'BAD-REUSED'")
    assert kept == [("demo",)]
    codes = query(warehouse, "select table_name, disposition, reason_code from main_data_quality.dq_rejected_rows "
                             "where row_key = 'BAD-REUSED' order by table_name")
    assert codes == [("activities", "rejected", "reused_key"), ("usage_events", "rejected", "reused_key")]
    # the demo's own exact copies stay duplicates
    duplicates = query(warehouse, "select count(*) from main_data_quality.dq_rejected_rows "
                                  "where table_name = 'usage_events' and reason_code = 'duplicate_row'")[0][0]
    assert duplicates > 0


def test_touchpoints_before_customer_since_are_kept_flagged_and_counted(damaged_build):
    warehouse, _, _, _ = damaged_build
    flags = query(warehouse, "select table_name, row_key, flag from main_data_quality.dq_flagged_values "
                             "where flag_code = 'before_customer_since' order by table_name")
    assert [(table, key) for table, key, _ in flags] == [("cases", "BAD-PRECUSTOMER"),
                                                         ("usage_events", "BAD-PRECUSTOMER")]
    assert flags[1][2].startswith("before_customer_since: occurred_at = ")
    assert flags[1][2].endswith("; kept and scored")
    # kept: in the clean layer and in the rows the scoring reads
    for source, table, key, _ in PRE_CUSTOMER_TOUCHPOINTS:
        assert query(warehouse, f"select count(*) from main_staging.stg_{source}__{table} "
                                f"where {key} = 'BAD-PRECUSTOMER'") == [(1,)]
    counts = dict(query(warehouse, "select table_name, before_customer_since_rows "
                                   "from main_data_quality.dq_raw_table_summary"))
    assert counts["cases"] == 1 and counts["usage_events"] == 1
    assert sum(counts.values()) == 2
    flagged = dict(query(warehouse, "select table_name, flagged_rows from main_data_quality.dq_raw_table_summary"))
    listed = dict(query(warehouse, "select table_name, count(distinct row_key) "
                                   "from main_data_quality.dq_flagged_values group by table_name"))
    assert {table: n for table, n in flagged.items() if n} == listed


def test_shape_changes_build(damaged_build):
    warehouse, _, _, _ = damaged_build
    assert query(warehouse, "select count(*) from main_staging.stg_crm__accounts where industry is not null") == [(0,)]
    assert query(warehouse, "select count(*) from main_staging.stg_marketing__advocacy") == [(0,)]


def test_missing_required_columns_fail_with_the_documented_message(scratch_warehouse):
    """Two tables each lack a required column: the build stops for those with the documented
    message naming table and column (not a unit-test fixture error). Built: every model that
    reads a CRM raw table, with its unit and data tests (`source:crm+1`): a missing raw column
    can only fail those; every other model reads another source or is downstream of them
    (skipped in a whole build once they fail)."""
    landing_vars = load_landing_copy(scratch_warehouse, edit_sql=[
        "alter table landing_crm.accounts drop column manager_id",
        "alter table landing_crm.managers drop column manager_name",
    ])
    proc = run_dbt(["build", "--select", "source:crm+1", "--vars", landing_vars], scratch_warehouse, check=False)
    assert proc.returncode != 0
    assert "Raw table crm.accounts" in proc.stdout and "missing required column(s): manager_id" in proc.stdout
    assert "Raw table crm.managers" in proc.stdout and "missing required column(s): manager_name" in proc.stdout
    assert "unit test fixture" not in proc.stdout
    failures = [line for line in proc.stdout.splitlines() if "Failure in" in line]
    # the models that read crm.accounts or crm.managers: their stg_ models and the data-quality
    # models that classify those tables from the contract
    readers = ("stg_crm__accounts", "stg_crm__managers", "dq_raw_rows", "dq_rejected_rows", "dq_flagged_values",
               "dq_raw_table_summary")
    assert failures and all(any(reader in line for reader in readers) for line in failures), failures
    assert any("stg_crm__accounts" in line for line in failures), failures
    assert any("stg_crm__managers" in line for line in failures), failures


def test_the_warehouse_folder_ships_with_the_project():
    """A fresh clone's `dbt build` writes to warehouse/engagement.duckdb: the folder is in git."""
    tracked = subprocess.run(["git", "ls-files", "warehouse"], cwd=PROJECT_DIR, capture_output=True, text=True)
    assert "warehouse/.gitkeep" in tracked.stdout.split()


def test_a_text_landing_scores_exactly_like_the_typed_demo(landing_baseline, demo_warehouse):
    """Every mart and data-quality row equal (numbers within compare_warehouses.py's 1e-6 rounding:
    the sum order of floats is the engine's)."""
    proc = subprocess.run(
        [sys.executable, str(PROJECT_DIR / "scripts" / "compare_warehouses.py"), str(demo_warehouse),
         str(landing_baseline), "--schema", "main_marts", "--schema", "main_data_quality"],
        capture_output=True, text=True,
    )
    assert proc.returncode == 0 and "all equal" in proc.stdout, proc.stdout + proc.stderr


SPARK_LANDING = '''
import csv, sys
from pathlib import Path
from pyspark.sql import SparkSession

spark_dir, csv_dir = sys.argv[1], Path(sys.argv[2])
spark = (
    SparkSession.builder.master("local[2]")
    .config("spark.driver.bindAddress", "127.0.0.1").config("spark.driver.host", "127.0.0.1")
    .config("spark.ui.enabled", "false").config("spark.sql.session.timeZone", "UTC")
    .config("spark.sql.warehouse.dir", spark_dir + "/warehouse")
    .config("spark.hadoop.javax.jdo.option.ConnectionURL",
            "jdbc:derby:;databaseName=" + spark_dir + "/metastore_db;create=true")
    .config("spark.driver.extraJavaOptions", sys.argv[3] + " -Dderby.system.home=" + spark_dir)
    .enableHiveSupport().getOrCreate()
)
spark.sparkContext.setLogLevel("ERROR")
for source_dir in sorted(p for p in csv_dir.iterdir() if p.is_dir()):
    spark.sql(f"create database if not exists landing_{source_dir.name}")
    for csv_file in sorted(source_dir.glob("*.csv")):
        frame = spark.read.option("header", "true").option("inferSchema", "false").option("escape", '"').csv(str(csv_file))
        frame.write.mode("overwrite").format("parquet").saveAsTable(f"landing_{source_dir.name}.{csv_file.stem}")
spark.stop()
'''


def damaged_csv_copy(target):
    """The demo CSVs with a few unreadable values appended as copies of a clean row."""
    import csv
    import shutil

    from conftest import DEMO_SEEDS

    shutil.copytree(DEMO_SEEDS, target)
    damages = [
        ("crm", "accounts", {"account_id": "BAD-DATE", "customer_since": "2025-02-30"}),
        ("crm", "accounts", {"account_id": "BAD-ACV", "annual_contract_value": "abc"}),
        ("survey", "responses", {"response_id": "BAD-SCORE-TEXT", "score": "ten"}),
        ("product", "usage_events", {"event_id": "BAD-TS", "occurred_at": "yesterday"}),
        # a reused event id (the first event kept) and a touchpoint before customer_since (flagged)
        ("product", "usage_events", {"event_id": "BAD-REUSED", "event_type": "feature_use", "feature_name": "reports",
                                     "occurred_at": "2026-01-05 09:00:00"}),
        ("product", "usage_events", {"event_id": "BAD-REUSED", "event_type": "login", "feature_name": "",
                                     "occurred_at": "2026-01-01 08:00:00"}),
        ("product", "usage_events", {"event_id": "BAD-PRECUSTOMER", "occurred_at": "1990-01-01 00:00:00"}),
    ]
    for source, table, values in damages:
        path = target / source / f"{table}.csv"
        with path.open(newline="") as handle:
            reader = csv.DictReader(handle)
            first = next(reader)
            fields = reader.fieldnames
        with path.open("a", newline="") as handle:
            csv.DictWriter(handle, fieldnames=fields).writerow({**first, **values})


def test_spark_unreadable_raw_values_are_rejected_not_fatal(tmp_path):
    """Spark reads an all-text landing: an unreadable required value rejects its row with
    the raw column named, an unreadable optional one is flagged; the run does not stop."""
    from test_cross_engine import SELECTED, SPARK_TEST_JAVA_OPTIONS, Spark

    if "spark" not in SELECTED:
        pytest.skip("spark not selected in ENGAGEMENT_TEST_ENGINES")
    engine = Spark(tmp_path)
    engine.check_available()
    damaged_csv_copy(tmp_path / "csv")
    subprocess.run([sys.executable, "-c", SPARK_LANDING, str(engine.spark_dir), str(tmp_path / "csv"),
                    SPARK_TEST_JAVA_OPTIONS], check=True, capture_output=True, text=True)
    landing_vars = "{" + ", ".join(f"{s}_schema: landing_{s}" for s in ("crm", "support", "survey", "marketing",
                                                                          "product")) + "}"
    run_dbt(["run", "--select", "staging", "+int_hierarchy_cycles",
             "+int_touchpoints_before_customer_since", "data_quality", "--exclude", "dq_indicator_health",
             "dq_manual_overrides", "stg_overrides__manual_overrides", "--vars", landing_vars],
            tmp_path / "unused.duckdb", env_extra=engine.env())
    columns, rows = engine.fetch("data_quality", "dq_rejected_rows")
    rejected = {(row[columns.index("table_name")], row[columns.index("row_key")]): row[columns.index("reason")]
                for row in rows}
    columns, rows = engine.fetch("data_quality", "dq_flagged_values")
    flagged = {(row[columns.index("table_name")], row[columns.index("row_key")]): row[columns.index("flag")]
               for row in rows}
    assert rejected[("accounts", "BAD-DATE")] == "unreadable_value: customer_since = '2025-02-30' is not a date"
    assert rejected[("responses", "BAD-SCORE-TEXT")] == "unreadable_value: score = 'ten' is not a numeric"
    assert rejected[("usage_events", "BAD-TS")] == "unreadable_value: occurred_at = 'yesterday' is not a timestamp"
    assert flagged[("accounts", "BAD-ACV")] == "unreadable_value: annual_contract_value = 'abc' is not a numeric"
    assert rejected[("usage_events", "BAD-REUSED")] == (
        "reused_key: event_id also names a different event; the one that occurred first was kept "
        "(occurred_at = 2026-01-01 08:00:00)")
    assert flagged[("usage_events", "BAD-PRECUSTOMER")].startswith(
        "before_customer_since: occurred_at = 1990-01-01 is before the account customer_since = ")
