"""No silent demo, no mixing (issue #25, item 4).

The shipped demo data is read only when no source is pointed anywhere; pointing
some sources and not others stops every dbt command at parse time, naming the
unpointed sources and the two ways out; a variable spelt almost like one of ours
stops it with "did you mean"; the demo's seeds (raw tables and manual overrides)
are switched on exactly when the demo is read; a build that reads the demo says
so in its log and in the mart dim_engagement_data_origin; the snapshots keep the
demo's history apart from the user's.

Most checks are `dbt parse` / `dbt ls` runs (no warehouse needed): each is a
full parse of the project, a few seconds.
"""
import json

import pytest

from conftest import SOURCES, load_landing_copy, query, run_dbt

ALL_POINTED = {f"{source}_schema": f"landing_{source}" for source in SOURCES}


def dbt_vars(values):
    return json.dumps(values)


def parse(tmp_path, values, command=("parse",)):
    """`dbt <command>` with `values` as --vars; the CompletedProcess (not checked)."""
    args = [*command, "--no-partial-parse"]
    if values is not None:
        args += ["--vars", dbt_vars(values)]
    return run_dbt(args, tmp_path / "guard.duckdb", check=False, target_path=tmp_path / "target")


def output(proc):
    return proc.stdout + proc.stderr


# --- 1. pointing some sources and not others --------------------------------------

def test_pointing_only_crm_fails_naming_the_others_and_the_ways_out(tmp_path):
    proc = parse(tmp_path, {"crm_schema": "landing_crm"})
    text = output(proc)
    assert proc.returncode != 0, text[-3000:]
    assert "not pointed" in text
    for source in ("support", "survey", "marketing", "product"):
        assert f"`{source}_schema`" in text and f"`engagement__using_{source}: false`" in text, source
    # crm is pointed: it is not listed among the unpointed ones
    assert "`engagement__using_crm" not in text


def test_a_connector_counts_as_pointing_and_crm_cannot_be_switched_off(tmp_path):
    proc = parse(tmp_path, {"engagement__support_connector": "zendesk",
                            "engagement__using_survey": False, "engagement__using_marketing": False,
                            "engagement__using_product": False})
    text = output(proc)
    assert proc.returncode != 0, text[-3000:]
    assert "`crm_schema`" in text and "CRM cannot be switched off" in text
    assert "`survey_schema`" not in text  # switched off: not asked for


def test_the_check_stops_a_build_before_anything_runs(tmp_path):
    proc = parse(tmp_path, {"crm_schema": "landing_crm", "support_schema": "landing_support"},
                 command=("build", "--select", "dim_engagement_data_origin"))
    text = output(proc)
    assert proc.returncode != 0 and "not pointed" in text
    assert "OK created" not in text


@pytest.mark.parametrize("values", [
    ALL_POINTED,
    {"crm_schema": "landing_crm", "support_schema": "landing_support", "engagement__using_survey": False,
     "engagement__using_marketing": False, "engagement__using_product": False},
    {"engagement__crm_connector": "salesforce", "support_schema": "landing_support",
     "survey_schema": "s", "marketing_schema": "m", "product_schema": "p"},
], ids=["all-pointed", "rest-switched-off", "connector-and-schemas"])
def test_every_used_source_pointed_parses(tmp_path, values):
    proc = parse(tmp_path, values)
    assert proc.returncode == 0, output(proc)[-3000:]


# --- 2. a variable spelt almost like ours -----------------------------------------

@pytest.mark.parametrize("misspelt, meant", [
    ("crm_shema", "crm_schema"),
    ("engagement__using_suport", "engagement__using_support"),
    ("Product_Schema", "product_schema"),
    ("engagement__support_conector", "engagement__support_connector"),
])
def test_a_variable_like_ours_fails_with_did_you_mean(tmp_path, misspelt, meant):
    proc = parse(tmp_path, {misspelt: "x"})
    text = output(proc)
    assert proc.returncode != 0, text[-3000:]
    assert f"did you mean `{meant}`?" in text


def test_a_host_projects_own_variables_do_not_fail(tmp_path):
    proc = parse(tmp_path, {"dashboard_theme": "dark", "src_schema": "raw", "start_date": "2024-01-01",
                            "schema": "x", "crm_owner": "sales_ops"})
    assert proc.returncode == 0, output(proc)[-3000:]


# --- 3. the demo's seeds load only when the demo is read -----------------------

def listed_seeds(tmp_path, values):
    proc = run_dbt(["ls", "--resource-type", "seed", "--output", "name", "--no-partial-parse",
                    *(["--vars", dbt_vars(values)] if values is not None else [])],
                   tmp_path / "guard.duckdb", target_path=tmp_path / "target")
    return {line.strip() for line in proc.stdout.splitlines() if line.strip() and " " not in line.strip()}


def test_demo_seeds_and_overrides_load_only_when_the_demo_is_read(tmp_path):
    demo = listed_seeds(tmp_path, None)
    assert {"accounts", "cases", "usage_events", "engagement_overrides"} <= demo, demo
    users = listed_seeds(tmp_path, ALL_POINTED)
    assert "engagement_overrides" not in users, "the demo's overrides load beside the user's data"
    assert not ({"accounts", "cases", "usage_events"} & users), users
    assert "engagement_indicators" in users  # the registry is not demo data
    # a connector counts as pointing, for the seeds' switch as for the models
    connectors = listed_seeds(tmp_path, {"engagement__crm_connector": "salesforce",
                                         "engagement__support_connector": "zendesk",
                                         "engagement__survey_connector": "qualtrics",
                                         "engagement__marketing_connector": "hubspot",
                                         "engagement__product_connector": "segment"})
    assert not ({"accounts", "engagement_overrides"} & connectors), connectors


def test_vars_set_in_a_project_file_the_seed_switch_cannot_see_fail_clearly(tmp_path):
    """dbt_project.yml's seed switch reads --vars only; a schema set elsewhere (a project
    file's vars) must not leave the demo seeds loading beside the user's data."""
    import shutil
    from conftest import PROJECT_DIR
    project = tmp_path / "project"
    shutil.copytree(PROJECT_DIR, project, symlinks=True, ignore=shutil.ignore_patterns(
        ".venv", ".git", "warehouse", "target", "logs", "benchmarks", "*.duckdb", "__pycache__", ".pytest_cache"))
    yml = (project / "dbt_project.yml").read_text()
    for source in SOURCES:
        yml = yml.replace(f'  {source}_schema: ""', f"  {source}_schema: landing_{source}")
    (project / "dbt_project.yml").write_text(yml)
    proc = run_dbt(["parse", "--no-partial-parse"], tmp_path / "guard.duckdb", check=False,
                   target_path=tmp_path / "target", project_dir=project)
    text = output(proc)
    assert proc.returncode != 0, text[-3000:]
    assert "--vars" in text and "crm_schema" in text
    shutil.rmtree(project, ignore_errors=True)


# --- 4. a build that reads the demo says so -------------------------------------

def test_a_demo_build_says_so_in_its_log_and_in_a_mart(tmp_path):
    warehouse = tmp_path / "guard.duckdb"
    proc = run_dbt(["run", "--select", "dim_engagement_data_origin"], warehouse, target_path=tmp_path / "target")
    assert "reads the DEMO data" in proc.stdout
    assert query(warehouse, "select reads_demo_data, data_origin from main_marts.dim_engagement_data_origin") == [
        (True, "demo")]
    # the same warehouse, now reading the user's data: stopped (incremental models would mix
    # the two) unless rebuilt whole
    mixed = run_dbt(["run", "--select", "dim_engagement_data_origin", "--vars", dbt_vars(ALL_POINTED)], warehouse,
                    check=False, target_path=tmp_path / "target")
    assert mixed.returncode != 0 and "holds a build of the DEMO data" in mixed.stdout, mixed.stdout[-3000:]
    assert "--full-refresh" in mixed.stdout
    proc = run_dbt(["run", "--select", "dim_engagement_data_origin", "--full-refresh", "--vars",
                    dbt_vars(ALL_POINTED)], warehouse, target_path=tmp_path / "target")
    assert "reads the DEMO data" not in proc.stdout and "This build reads your data: crm from landing_crm" in proc.stdout
    assert query(warehouse, "select reads_demo_data, data_origin from main_marts.dim_engagement_data_origin") == [
        (False, "your_data")]


# --- 5. a snapshot never mixes demo and user accounts ---------------------------

def test_snapshots_keep_demo_and_user_histories_apart(tmp_path):
    warehouse = tmp_path / "snap.duckdb"
    user_vars = load_landing_copy(warehouse, edit_sql=[
        # the user's accounts: other ids than the demo's
        "update landing_crm.accounts set account_id = 'user-' || account_id, parent_account_id = null",
    ])
    select = ["--select", "+snap_crm__accounts", "--exclude-resource-type", "test", "unit_test"]
    run_dbt(["build", *select], warehouse, target_path=tmp_path / "target")
    run_dbt(["build", *select, "--vars", user_vars], warehouse, target_path=tmp_path / "target")
    tables = query(warehouse, "select table_schema from information_schema.tables "
                              "where table_name = 'snap_crm__accounts' order by 1")
    assert len(tables) == 2, tables
    for (schema,) in tables:
        ids = {row[0] for row in query(warehouse, f"select account_id from {schema}.snap_crm__accounts")}
        user_ids = {i for i in ids if i.startswith("user-")}
        assert not user_ids or user_ids == ids, f"{schema} mixes demo and user accounts"
    demo_schema = [s for (s,) in tables if "demo" in s]
    assert demo_schema, f"no demo-only snapshot schema: {tables}"
    ids = {row[0] for row in query(warehouse, f"select account_id from {demo_schema[0]}.snap_crm__accounts")}
    assert ids and not any(i.startswith("user-") for i in ids)
