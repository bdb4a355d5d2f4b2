"""Adding an indicator as README "Add an indicator" says (docs/architecture.md, "The
indicator outline"): in a copy of the project, one short model written on the shared
outline, one registry row, its ref in the union and its entry in the indicators' YAML,
then a build of the copy's demo warehouse scores it like any other indicator."""
import shutil

from conftest import PROJECT_DIR, query, run_dbt

TOY = "support_cases_closed"
TOY_MODEL = f"""-- Involvement: recency-weighted count of support cases closed.
with touchpoints as (

    select
        account_id,
        {{{{ to_date('closed_at') }}}} as touched_on
    from {{{{ ref('stg_support__cases') }}}}
    where closed_at is not null

),

{{{{ touchpoint_indicator('touchpoints', 'count',
    ref('int_scoring_population'), ref('int_scoring_as_of_dates'), ref('int_indicator_registry')) }}}}
"""
TOY_ROW = f"{TOY},involvement,say,higher_is_better,1.0,180,percentile,,zero,\n"
TOY_YAML = f"""- name: int_indicator__{TOY}
  description: 'Involvement: recency-weighted count of support cases closed.'
  data_tests: *indicator_key_tests
  columns: *indicator_columns
"""
INDICATORS = "models/intermediate/indicators"
UNION = "models/intermediate/scoring/int_indicator_values_unioned.sql"


def project_copy(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(PROJECT_DIR, project, symlinks=True, ignore=shutil.ignore_patterns(
        ".venv", ".git", "warehouse", "target", "logs", "benchmarks", "*.duckdb", "__pycache__", ".pytest_cache"))
    return project


def add_line_after(path, anchor, line):
    text = path.read_text()
    assert text.count(anchor) == 1, f"{path}: {anchor!r} should stand once"
    path.write_text(text.replace(anchor, anchor + line))


def test_a_new_indicator_written_on_the_outline_is_scored(tmp_path, demo_warehouse):
    project = project_copy(tmp_path)
    warehouse = tmp_path / "warehouse.duckdb"
    shutil.copy(demo_warehouse, warehouse)
    target = tmp_path / "target"

    # 1. the model and 2. its registry row: without more, the registry check says what is left
    (project / INDICATORS / f"int_indicator__{TOY}.sql").write_text(TOY_MODEL)
    registry = project / "seeds" / "scoring" / "engagement_indicators.csv"
    registry.write_text(registry.read_text() + TOY_ROW)
    check = run_dbt(["build", "--select", "engagement_indicators", "int_indicator_registry",
                     "assert_indicator_registry_matches_models", "--full-refresh", "--store-failures",
                     "--exclude-resource-type", "unit_test"],
                    warehouse, check=False, target_path=target, project_dir=project)
    assert check.returncode != 0, check.stdout[-3000:]
    problems = query(warehouse, "select entry, problem "
                                "from main_dbt_test__audit.assert_indicator_registry_matches_models")
    assert problems == [(TOY, f"registry row whose model int_indicator__{TOY} is not unioned: "
                              "add its ref to int_indicator_values_unioned")], problems

    # 3. its ref in the union and 4. its YAML entry (the shared block of columns and tests)
    add_line_after(project / UNION, "{%- set indicator_models = [\n", f"    ref('int_indicator__{TOY}'),\n")
    yaml = project / INDICATORS / "_int_indicators__models.yml"
    yaml.write_text(yaml.read_text() + TOY_YAML)

    run_dbt(["build", "--select", f"int_indicator__{TOY}+", "assert_indicator_registry_matches_models",
             "--full-refresh", "--exclude-resource-type", "unit_test"],
            warehouse, target_path=target, project_dir=project)

    # its raw value: every case closed on or before the as-of date counts, none after
    mismatched = query(warehouse, f"""
        with closed as (
            select account_id, cast(closed_at as date) as closed_on
            from main_staging.stg_support__cases
            where closed_at is not null
        ),
        expected as (
            select values.as_of_date, values.account_id, values.evidence_count,
                   count(closed.account_id) as cases_closed
            from main_intermediate.int_indicator__{TOY} as values
            left join closed
                on values.account_id = closed.account_id and closed.closed_on <= values.as_of_date
            group by values.as_of_date, values.account_id, values.evidence_count
        )
        select * from expected where evidence_count <> cases_closed limit 5""")
    assert not mismatched, mismatched
    counted = query(warehouse, f"select count(*), sum(evidence_count), count(distinct indicator), min(indicator) "
                               f"from main_intermediate.int_indicator__{TOY}")[0]
    assert counted[0] > 0 and counted[1] > 0 and counted[2:] == (1, TOY), counted

    # scored like any other indicator, for every customer and as-of date the others are scored for
    scores = query(warehouse, f"""
        select
            count(*) filter (where indicator = '{TOY}'),
            count(*) filter (where indicator = 'support_cases_opened'),
            min(indicator_score) filter (where indicator = '{TOY}'),
            max(indicator_score) filter (where indicator = '{TOY}'),
            count(distinct indicator_score) filter (where indicator = '{TOY}'),
            sum(effective_weight) filter (where indicator = '{TOY}' and is_current)
        from main_marts.fct_customer_indicator_scores""")[0]
    assert scores[0] == scores[1] > 0, scores
    assert 0 <= scores[2] < scores[3] <= 100 and scores[4] > 10, scores
    assert scores[5] > 0, scores
    assert query(warehouse, f"select count(*) from main_marts.dim_engagement_indicators where indicator = '{TOY}'") \
        == [(1,)]
