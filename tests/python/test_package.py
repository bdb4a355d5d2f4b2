"""This repository installed as a dbt package into someone else's project (issue #16).

A minimal consumer project is written to a temporary folder: its own name, its own
profile and warehouse, one model of its own reading a mart of the package, the
package installed by local path with `dbt deps` (offline). Its sources point at
landing schemas holding the demo data as a loader lands it (all text). The test
builds it and checks that:
- the build passes, package data and unit tests included;
- the marts equal the root project's build of the same landing data;
- no demo seed of the package reached the consumer's warehouse;
- the consumer's schema config places the package's marts;
- a consumer's dispatch override of a package macro is used;
- a consumer's var overrides one registry entry.
"""
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import duckdb
import pytest

from conftest import BOOKKEEPING_COLUMNS, DEMO_SEEDS, PROJECT_DIR, SOURCES, load_landing_copy, query

DBT = str(Path(sys.executable).with_name("dbt"))
CONSUMER = "acme_analytics"
MARTS_SCHEMA = "main_customer_health"   # the consumer's own schema for the package's marts


def write_consumer(folder, warehouse):
    vars_block = "\n".join(f"  {source}_schema: landing_{source}" for source in SOURCES)
    (folder / "models").mkdir(parents=True)
    (folder / "macros").mkdir()
    (folder / "dbt_project.yml").write_text(
        f"name: {CONSUMER}\n"
        'version: "1.0.0"\n'
        "config-version: 2\n"
        "profile: acme\n"
        'model-paths: ["models"]\n'
        'macro-paths: ["macros"]\n'
        # the package's macros are looked up here first, then in the package: how a
        # consumer overrides one (macros/to_date.sql here)
        "dispatch:\n"
        "  - macro_namespace: engagement\n"
        f'    search_order: ["{CONSUMER}", "engagement"]\n'
        "vars:\n"
        f"{vars_block}\n"
        "  engagement__overrides_schema: landing_overrides\n"
        # the consumer's own schema for the package's marts
        "models:\n"
        "  engagement:\n"
        "    marts:\n"
        "      +schema: customer_health\n"
    )
    (folder / "packages.yml").write_text(f"packages:\n  - local: {PROJECT_DIR}\n")
    (folder / "profiles.yml").write_text(textwrap.dedent(f"""\
        acme:
          target: dev
          outputs:
            dev:
              type: duckdb
              path: {warehouse}
              threads: 2
        """))
    (folder / "models" / "acme_accounts_to_call.sql").write_text(textwrap.dedent("""\
        -- The consumer's own model on top of the package's mart.
        select account_id, engagement_score, band
        from {{ ref('dim_customer_engagement') }}
        where is_alerted
        """))
    (folder / "macros" / "to_date.sql").write_text(textwrap.dedent("""\
        {% macro default__to_date(timestamp_expression) -%}
            cast({{ timestamp_expression }} as date) /* acme to_date */
        {%- endmacro %}
        """))


def consumer_dbt(folder, args, check=True):
    env = dict(os.environ)
    env.update(DBT_PROFILES_DIR=str(folder), DBT_SEND_ANONYMOUS_USAGE_STATS="false")
    for name in ("ENGAGEMENT_TARGET", "ENGAGEMENT_DUCKDB_PATH"):
        env.pop(name, None)
    proc = subprocess.run([DBT, *args], cwd=folder, env=env, capture_output=True, text=True)
    if check and proc.returncode != 0:
        raise AssertionError(f"dbt {' '.join(args)} failed:\n{proc.stdout[-6000:]}\n{proc.stderr[-3000:]}")
    return proc


@pytest.fixture(scope="module")
def consumer(tmp_path_factory):
    folder = tmp_path_factory.mktemp("consumer")
    warehouse = folder / "acme.duckdb"
    write_consumer(folder, warehouse)
    load_landing_copy(warehouse)  # the overrides too, in landing_overrides
    consumer_dbt(folder, ["deps"])
    consumer_dbt(folder, ["build"])
    return folder, warehouse


def test_the_package_is_installed_by_local_path(consumer):
    folder, _ = consumer
    installed = folder / "dbt_packages" / "engagement"
    assert installed.exists() and installed.resolve() == PROJECT_DIR.resolve()


def test_the_consumer_model_reads_the_package_mart(consumer):
    _, warehouse = consumer
    alerted = query(warehouse, f"select count(*) from {MARTS_SCHEMA}.dim_customer_engagement where is_alerted")[0][0]
    assert alerted > 0
    assert query(warehouse, "select count(*) from main.acme_accounts_to_call")[0][0] == alerted


def test_no_demo_seed_reaches_the_consumer_warehouse(consumer):
    _, warehouse = consumer
    schemas = {row[0] for row in query(warehouse, "select schema_name from information_schema.schemata")}
    assert not [s for s in schemas if "demo" in s], schemas
    demo_tables = {path.stem for source_dir in DEMO_SEEDS.iterdir() if source_dir.is_dir()
                   for path in source_dir.glob("*.csv")} | {"engagement_overrides"}
    found = query(warehouse, "select table_schema, table_name from information_schema.tables "
                             "where table_schema not like 'landing_%'")
    assert not [row for row in found if row[1] in demo_tables], found


def test_marts_equal_the_root_build_of_the_same_data(consumer, landing_baseline):
    _, warehouse = consumer
    marts = [row[0] for row in query(
        landing_baseline, "select table_name from information_schema.tables where table_schema = 'main_marts'")]
    assert len(marts) >= 7
    con = duckdb.connect()
    try:
        con.execute(f"attach '{landing_baseline}' as root_build (read_only)")
        con.execute(f"attach '{warehouse}' as consumer_build (read_only)")
        for mart in marts:
            columns = [row[0] for row in con.execute(
                "select column_name from information_schema.columns where table_catalog = 'root_build' "
                "and table_schema = 'main_marts' and table_name = ? order by ordinal_position", [mart]).fetchall()
                if row[0] not in BOOKKEEPING_COLUMNS]
            types = dict(con.execute(
                "select column_name, data_type from information_schema.columns where table_catalog = 'root_build' "
                "and table_schema = 'main_marts' and table_name = ?", [mart]).fetchall())
            select = ", ".join(
                f"round(cast({c} as double), 6) as {c}" if types[c] in ("DOUBLE", "FLOAT") or types[c].startswith("DECIMAL")
                else c for c in columns)
            differing = con.execute(f"""
                select count(*) from (
                    (select {select} from root_build.main_marts.{mart}
                     except all select {select} from consumer_build.{MARTS_SCHEMA}.{mart})
                    union all
                    (select {select} from consumer_build.{MARTS_SCHEMA}.{mart}
                     except all select {select} from root_build.main_marts.{mart})
                )""").fetchall()[0][0]
            assert differing == 0, f"{mart}: {differing} rows differ"
    finally:
        con.close()


def test_a_consumer_dispatch_override_is_used(consumer):
    folder, _ = consumer
    compiled = folder / "target" / "compiled" / "engagement" / "models" / "intermediate" / "indicators"
    texts = [path.read_text() for path in compiled.glob("int_indicator__*.sql")]
    assert texts and any("/* acme to_date */" in text for text in texts)


def test_a_consumer_overrides_one_registry_entry(consumer):
    folder, warehouse = consumer
    before = dict(query(warehouse, f"select indicator, weight from {MARTS_SCHEMA}.dim_engagement_indicators"))
    consumer_dbt(folder, ["run", "--select", "int_indicator_registry", "dim_engagement_indicators",
                          "--vars", "{engagement__indicator_overrides: {nps: {weight: 2.5}}}"])
    after = dict(query(warehouse, f"select indicator, weight from {MARTS_SCHEMA}.dim_engagement_indicators"))
    assert after["nps"] == pytest.approx(2.5) and before["nps"] != pytest.approx(2.5)
    assert {k: v for k, v in after.items() if k != "nps"} == {k: v for k, v in before.items() if k != "nps"}


def test_without_schemas_the_consumer_gets_a_clear_error(tmp_path):
    """A consumer that points no source anywhere is told what to set, not handed our demo."""
    folder = tmp_path / "bare"
    write_consumer(folder, tmp_path / "bare.duckdb")
    project = (folder / "dbt_project.yml").read_text()
    for source in SOURCES:
        project = project.replace(f"{source}_schema: landing_{source}", f"{source}_schema: ''")
    (folder / "dbt_project.yml").write_text(project)
    consumer_dbt(folder, ["deps"])
    proc = consumer_dbt(folder, ["run", "--select", "stg_crm__accounts"], check=False)
    assert proc.returncode != 0
    assert "Raw table crm.accounts not found" in proc.stdout and "engagement__demo_data" in proc.stdout
    shutil.rmtree(folder, ignore_errors=True)


def test_a_consumer_pointing_some_sources_fails_at_parse_naming_the_others(tmp_path):
    """Set in the host's dbt_project.yml: crm pointed, a misspelt support variable, the rest
    pointed; the parse stops on the misspelling, then (fixed) on the unpointed support."""
    folder = tmp_path / "partial"
    write_consumer(folder, tmp_path / "partial.duckdb")
    project = (folder / "dbt_project.yml").read_text()
    (folder / "dbt_project.yml").write_text(project.replace("support_schema: landing_support",
                                                            "suport_schema: landing_support"))
    consumer_dbt(folder, ["deps"])
    proc = consumer_dbt(folder, ["parse"], check=False)
    assert proc.returncode != 0 and "did you mean `support_schema`?" in proc.stdout, proc.stdout[-3000:]
    (folder / "dbt_project.yml").write_text(project.replace("  support_schema: landing_support\n", ""))
    proc = consumer_dbt(folder, ["parse"], check=False)
    assert proc.returncode != 0, proc.stdout[-3000:]
    assert "not pointed: support" in proc.stdout and "`engagement__using_support: false`" in proc.stdout
    shutil.rmtree(folder, ignore_errors=True)
