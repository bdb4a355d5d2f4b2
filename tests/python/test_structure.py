"""The project's structure, read from dbt's manifest: every macro documented with its
arguments, no ref() hidden in a macro, every model's refs written in the model."""
import json
import re

import pytest

from conftest import PROJECT_DIR, query

# select_raw_source makes the demo seed upstream of a model that reads a raw table (a base or
# stg_ model, a data-quality model classifying a table: raw_table_classification) only while the demo is
# read (the ref would fail once the seed is switched off). reference_joins refs the models a
# raw contract's references name (the sources YAML): each model calling it writes them in a
# `-- depends_on:` line, which test_every_ref_of_a_model_is_written_in_it reads like any ref.
MACROS_ALLOWED_REF = {"select_raw_source", "reference_joins"}
# Models allowed to build refs from a list of names: none (the data-quality models and the
# reconciliation test write every ref out since the staging split of issue #10).
REFS_FROM_A_NAME_LIST = set()
REF = re.compile(r"""\bref\(\s*['"](\w+)['"]\s*\)""")


@pytest.fixture(scope="module")
def manifest(parsed_target):
    return json.loads((parsed_target / "manifest.json").read_text())


def own(nodes):
    return [node for node in nodes.values() if node["package_name"] == "engagement"]


def code_without_comments(sql):
    return re.sub(r"\{#.*?#\}|--[^\n]*", "", sql, flags=re.S)


def test_every_macro_is_documented_with_its_arguments(manifest):
    problems = []
    for macro in own(manifest["macros"]):
        signature = re.search(r"(?:macro|test) \w+\((.*?)\)\s*-?%\}", macro["macro_sql"], re.S)
        parameters = [p.split("=")[0].strip() for p in signature.group(1).split(",") if p.strip()]
        documented = [argument["name"] for argument in macro.get("arguments", [])]
        if not macro["description"]:
            problems.append(f"{macro['name']}: no description in macros/_macros.yml")
        if parameters != documented:
            problems.append(f"{macro['name']}: arguments {parameters}, documented {documented}")
    assert not problems, "\n".join(problems)


def test_no_macro_calls_ref(manifest):
    calling = {macro["name"] for macro in own(manifest["macros"])
               if re.search(r"\bref\(", code_without_comments(macro["macro_sql"]))}
    assert calling == MACROS_ALLOWED_REF


def test_every_ref_of_a_model_is_written_in_it(manifest):
    problems = []
    for node in own(manifest["nodes"]):
        if node["resource_type"] not in ("model", "test") or node["resource_type"] == "test" and \
                not node["original_file_path"].startswith("tests/"):
            continue
        written = set(REF.findall(node["raw_code"]))
        for hook in node["config"].get("pre-hook", []) + node["config"].get("post-hook", []):
            written |= set(REF.findall(hook["sql"]))
        hidden = {ref["name"] for ref in node["refs"]} - written
        if node["original_file_path"].startswith(("models/staging/", "models/data_quality/")):
            hidden -= {seed.split(".")[-1] for seed in node["depends_on"]["nodes"] if seed.startswith("seed.")}
        if hidden and node["original_file_path"] not in REFS_FROM_A_NAME_LIST:
            problems.append(f"{node['original_file_path']}: refs {sorted(hidden)} not written in the model")
    assert not problems, "\n".join(problems)


def test_every_column_of_an_intermediate_model_is_documented(manifest, demo_warehouse):
    """Each column the built intermediate models have (read from the warehouse, so a column
    the SQL adds without YAML is caught) carries a description."""
    built = {}
    for schema, table, column in query(demo_warehouse, "select table_schema, table_name, column_name "
                                                       "from information_schema.columns"):
        built.setdefault((schema, table), []).append(column)
    problems, checked = [], 0
    for node in own(manifest["nodes"]):
        path = node["original_file_path"]
        if node["resource_type"] != "model" or not path.startswith("models/intermediate/"):
            continue
        columns = built.get((node["schema"], node["alias"]))
        if columns is None:
            continue  # not built in the demo (switched off)
        checked += 1
        described = {name.lower() for name, column in node["columns"].items() if column.get("description")}
        missing = [column for column in columns if column.lower() not in described]
        if missing:
            problems.append(f"{path}: {', '.join(missing)}")
    assert checked > 50, f"only {checked} intermediate models found in the demo warehouse"
    assert not problems, "columns without a description:\n" + "\n".join(problems)


def test_no_constraints_declared_on_a_view(manifest):
    """dbt ignores constraints on views (and warns): a view's keys are checked by data tests."""
    declared = [node["name"] for node in own(manifest["nodes"])
                if node["resource_type"] == "model" and node["config"]["materialized"] == "view"
                and (node.get("constraints") or any(column.get("constraints") for column in node["columns"].values()))]
    assert not declared, f"constraints dbt would ignore on views: {declared}"


def test_raw_row_cleaning_is_at_most_a_quarter_of_the_models_as_the_architecture_says(manifest):
    """Issue #27: the models that clean raw rows (base, stg_ and data-quality models; the connector
    adapters map another tool's shapes and are not counted) are at most a quarter of the enabled
    models, and docs/architecture.md quotes the count this manifest gives."""
    models = [node for node in own(manifest["nodes"])
              if node["resource_type"] == "model" and node["config"].get("enabled", True)]

    def cleans_raw_rows(node):
        folders = node["fqn"][1:-1]
        if folders[:1] == ["data_quality"]:
            return True
        return folders[:1] == ["staging"] and "connectors" not in folders

    cleaning = [node["name"] for node in models if cleans_raw_rows(node)]
    assert len(cleaning) <= len(models) / 4, (len(cleaning), len(models), sorted(cleaning))
    text = (PROJECT_DIR / "docs" / "architecture.md").read_text()
    quoted = (f"**Raw-row cleaning is now at most a quarter of the models: {len(cleaning)} of {len(models)} "
              f"({100 * len(cleaning) / len(models):.1f}%).**")
    assert quoted in text, quoted


def test_the_docs_site_opens_on_an_overview_that_says_where_to_start(manifest):
    """`dbt docs` opens on the project's own __overview__ (not dbt's generic welcome page),
    and it names the marts to start from and docs that exist."""
    overview = manifest["docs"].get("doc.engagement.__overview__")
    assert overview, "no {% docs __overview__ %} block in the project"
    text = overview["block_contents"]
    marts = {node["name"] for node in own(manifest["nodes"])
             if node["resource_type"] == "model" and node["fqn"][1] == "marts"}
    named = set(re.findall(r"`((?:dim|fct)_\w+)`", text))
    assert {"dim_customer_engagement", "fct_customer_engagement", "fct_book_of_business_engagement"} <= named
    assert named <= marts, f"the overview names models that are not marts: {named - marts}"
    docs = set(re.findall(r"`((?:docs/)?[\w/]+\.md)`", text))
    assert "docs/scoring.md" in docs
    for path in docs:
        assert (PROJECT_DIR / path).exists(), path


DATA_QUALITY = PROJECT_DIR / "models" / "data_quality"


def test_a_raw_table_missing_from_a_list_of_base_models_stops_the_compile_naming_it(tmp_path):
    import shutil

    from conftest import run_dbt

    project = tmp_path / "project"
    shutil.copytree(PROJECT_DIR, project, symlinks=True, ignore=shutil.ignore_patterns(
        ".venv", ".git", "warehouse", "target", "logs", "benchmarks", "*.duckdb", "__pycache__", ".pytest_cache"))
    model = project / "models" / "data_quality" / "dq_raw_rows.sql"
    line = "    'crm.deployments': ref('base_crm__deployments'),\n"
    assert model.read_text().count(line) == 1
    model.write_text(model.read_text().replace(line, ""))
    # the model also reads the raw tables it has no base model for: not looked up in the empty warehouse
    proc = run_dbt(["compile", "--select", "dq_raw_rows", "--vars", "{engagement__check_raw_columns: false}"],
                   tmp_path / "unused.duckdb", project_dir=project, check=False)
    assert proc.returncode != 0
    assert ("dq_raw_rows classifies the raw table crm.deployments from its contract, but the table has a "
            "base model: read its rows' fates from base_crm__deployments instead") in proc.stdout
