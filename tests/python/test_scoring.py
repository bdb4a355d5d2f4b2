"""Properties of the scores on whole builds: bounds, monotonicity, recency, shift
invariance, rollup arithmetic, and the demo archetypes landing where expected."""
import csv
import math
from datetime import date, timedelta

import pytest
import yaml

from conftest import BUILD_WITHOUT_TESTS as BUILD, PROJECT_DIR, SOURCES, load_landing_copy, query, run_dbt

# The variant builds below build only what their assertions read, with everything upstream
# (a model's rows depend on its ancestors alone, so they equal a full build's).
TOUCHED_MARTS = ["--select", "+fct_customer_indicator_scores", "+fct_customer_engagement"]
SHIFTED_MARTS = ["--select", "+fct_customer_engagement", "+fct_book_of_business_engagement"]

AS_OF = date(2026, 10, 31)  # the latest date in the demo data
SCORE_COLUMNS = {
    "fct_customer_engagement": [
        "engagement_score", "product_usage_score", "sentiment_score", "involvement_score",
        "competitive_status_score", "say_score", "stay_score", "spend_score", "coverage_pct",
    ],
    "fct_customer_indicator_scores": ["indicator_score"],
    "fct_manager_engagement": ["contract_weighted_score", "mean_score"],
    "fct_book_of_business_engagement": ["contract_weighted_score", "mean_score"],
    "fct_account_hierarchy_engagement": ["contract_weighted_score", "mean_score"],
}


def registry():
    """The registry seed, as {indicator: {setting: value}} (numbers as floats, empty as None)."""
    with (PROJECT_DIR / "seeds" / "scoring" / "engagement_indicators.csv").open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    numeric = {"weight", "half_life_days", "target"}
    return {row["indicator"]: {k: (float(v) if k in numeric and v else v or None) for k, v in row.items()}
            for row in rows}


def current_scores(warehouse, table="fct_customer_engagement", key="account_id"):
    rows = query(warehouse, f"select {key}, * from main_marts.{table} where is_current")
    columns = [r[0] for r in query(warehouse, f"select column_name from information_schema.columns "
                                              f"where table_schema = 'main_marts' and table_name = '{table}' "
                                              f"order by ordinal_position")]
    return {row[0]: dict(zip(columns, row[1:])) for row in rows}


@pytest.fixture(scope="module")
def touched(landing_baseline, tmp_path_factory):
    """The demo data plus: one login today for a mid-ranked customer, one advocacy
    act today for a customer without any, one a half-life ago for another."""
    login_customer = query(landing_baseline, """
        select account_id from main_marts.fct_customer_indicator_scores
        where is_current and indicator = 'logins_per_seat' and raw_value > 0
        order by indicator_score, account_id limit 1 offset 40""")[0][0]
    quiet = [r[0] for r in query(landing_baseline, """
        select account_id from main_marts.fct_customer_indicator_scores
        where is_current and indicator = 'advocacy' and evidence_count = 0
        order by account_id limit 2""")]
    half_life = registry()["advocacy"]["half_life_days"]
    half_life_ago = AS_OF - timedelta(days=half_life)
    warehouse = tmp_path_factory.mktemp("touched") / "touched.duckdb"
    landing_vars = load_landing_copy(warehouse, edit_sql=[
        f"insert into landing_product.usage_events (event_id, account_id, user_id, event_type, occurred_at) "
        f"values ('USE-TEST-1', '{login_customer}', 'USR-TEST', 'login', '{AS_OF} 09:00:00')",
        f"insert into landing_marketing.advocacy (advocacy_id, account_id, advocacy_type, occurred_at) "
        f"values ('ADV-TEST-1', '{quiet[0]}', 'review', '{AS_OF} 09:00:00'), "
        f"('ADV-TEST-2', '{quiet[1]}', 'review', '{half_life_ago} 09:00:00')",
    ])
    run_dbt([*BUILD, *TOUCHED_MARTS, "--vars", landing_vars], warehouse)
    return warehouse, login_customer, quiet


def test_every_score_is_between_0_and_100(demo_warehouse):
    for table, columns in SCORE_COLUMNS.items():
        for column in columns:
            low, high, count = query(demo_warehouse, f"select min({column}), max({column}), count({column}) "
                                                     f"from main_marts.{table}")[0]
            assert count > 0, f"{table}.{column} is empty"
            assert 0 <= low and high <= 100, f"{table}.{column} spans {low}..{high}"


def test_a_recent_touchpoint_never_lowers_a_higher_is_better_score(landing_baseline, touched):
    warehouse, customer, _ = touched
    before = query(landing_baseline, "select raw_value, indicator_score from main_marts.fct_customer_indicator_scores "
                                     "where is_current and indicator = 'logins_per_seat' and account_id = ?", [customer])[0]
    after = query(warehouse, "select raw_value, indicator_score from main_marts.fct_customer_indicator_scores "
                             "where is_current and indicator = 'logins_per_seat' and account_id = ?", [customer])[0]
    assert after[0] > before[0], "the extra login did not raise the raw value"
    assert after[1] >= before[1]
    score_before = current_scores(landing_baseline)[customer]["engagement_score"]
    score_after = current_scores(warehouse)[customer]["engagement_score"]
    assert score_after >= score_before - 1e-9


def test_a_touchpoint_one_half_life_old_weighs_half_of_one_today(touched):
    warehouse, _, (today_customer, half_life_customer) = touched
    weights = dict(query(warehouse, """
        select account_id, weighted_evidence from main_marts.fct_customer_indicator_scores
        where is_current and indicator = 'advocacy' and account_id in (?, ?)""",
        [today_customer, half_life_customer]))
    assert math.isclose(weights[today_customer], 1.0, abs_tol=1e-12)
    assert math.isclose(weights[half_life_customer], 0.5, abs_tol=1e-12)


def test_shifting_every_date_changes_no_score(landing_baseline, tmp_path_factory):
    """Move every date and timestamp 91 days back: the as-of date moves with them and
    every current score stays the same."""
    shift_days = 91
    edits = []
    for source in SOURCES:
        with (PROJECT_DIR / "models" / "staging" / source / f"_{source}__sources.yml").open() as handle:
            tables = yaml.safe_load(handle)["sources"][0]["tables"]
        for table in tables:
            for column in table["columns"]:
                if column["data_type"] in ("date", "timestamp"):
                    edits.append(
                        f"update landing_{source}.{table['name']} set {column['name']} = cast("
                        f"cast({column['name']} as {column['data_type']}) - interval {shift_days} day as "
                        f"{column['data_type']})"
                    )
    warehouse = tmp_path_factory.mktemp("shifted") / "shifted.duckdb"
    landing_vars = load_landing_copy(warehouse, edit_sql=edits)
    run_dbt([*BUILD, *SHIFTED_MARTS, "--vars", landing_vars], warehouse)

    assert query(warehouse, "select as_of_date from main_marts.fct_book_of_business_engagement where is_current limit 1")[0][0] \
        == AS_OF - timedelta(days=shift_days)
    before, after = current_scores(landing_baseline), current_scores(warehouse)
    assert before.keys() == after.keys()
    for account_id, row in before.items():
        for column in SCORE_COLUMNS["fct_customer_engagement"]:
            assert after[account_id][column] == pytest.approx(row[column], abs=1e-9, nan_ok=True), \
                (account_id, column)


def test_manager_figures_recompute_from_the_customer_mart(demo_warehouse):
    mismatches = query(demo_warehouse, """
        with recursive reporting_line as (
            select manager_id as ancestor_manager_id, manager_id from main_staging.stg_crm__managers
            union all
            select managers.reports_to_manager_id, reporting_line.manager_id
            from reporting_line
            join main_staging.stg_crm__managers as managers
                on managers.manager_id = reporting_line.ancestor_manager_id
            where managers.reports_to_manager_id is not null
        ),
        scoped as (
            select manager_id as rollup_id, 'direct' as scope, * from main_marts.fct_customer_engagement
            union all
            select r.ancestor_manager_id, 'reporting_line', c.*
            from main_marts.fct_customer_engagement as c
            join reporting_line as r on r.manager_id = c.manager_id
        ),
        expected as (
            select rollup_id, scope, as_of_date, count(*) as customers,
                   sum(annual_contract_value * engagement_score) / sum(annual_contract_value) as weighted,
                   avg(engagement_score) as mean_score,
                   count(*) filter (where band = 'engaged') as engaged,
                   count(*) filter (where band = 'at_risk') as at_risk,
                   count(*) filter (where band = 'disengaged') as disengaged,
                   sum(annual_contract_value) filter (where band = 'at_risk') as at_risk_value
            from scoped group by all
        )
        select e.*, m.customers, m.contract_weighted_score
        from expected as e
        full join main_marts.fct_manager_engagement as m
            on m.manager_id = e.rollup_id and m.scope = e.scope and m.as_of_date = e.as_of_date
        where m.manager_id is null or e.rollup_id is null
           or m.customers <> e.customers or abs(m.contract_weighted_score - e.weighted) > 1e-9
           or abs(m.mean_score - e.mean_score) > 1e-9 or m.engaged_customers <> e.engaged
           or m.at_risk_customers <> e.at_risk or m.disengaged_customers <> e.disengaged
           or abs(m.at_risk_contract_value - coalesce(e.at_risk_value, 0)) > 1e-6
    """)
    assert mismatches == []
    top = query(demo_warehouse, """
        select count(*) from main_marts.fct_manager_engagement
        where scope = 'reporting_line' and is_current and reports_to_manager_id is null and customers =
            (select count(*) from main_marts.fct_customer_engagement where is_current)""")[0][0]
    assert top == 1, "the top of the reporting line should cover every current customer"


def test_corporate_figures_recompute_from_the_customer_mart(demo_warehouse):
    for breakdown, expression in (("total", "'all'"), ("segment", "segment"), ("region", "region")):
        mismatches = query(demo_warehouse, f"""
            with expected as (
                select {expression} as breakdown_value, as_of_date, count(*) as customers,
                       sum(annual_contract_value * engagement_score) / sum(annual_contract_value) as weighted,
                       100.0 * count(*) filter (where band = 'engaged') / count(*) as engaged_pct,
                       sum(annual_contract_value) as total_value
                from main_marts.fct_customer_engagement group by all
            )
            select * from expected as e
            full join (select * from main_marts.fct_book_of_business_engagement where breakdown = '{breakdown}') as c
                on c.breakdown_value = e.breakdown_value and c.as_of_date = e.as_of_date
            where c.as_of_date is null or e.as_of_date is null or c.customers <> e.customers
               or abs(c.contract_weighted_score - e.weighted) > 1e-9
               or abs(c.engaged_customers_pct - e.engaged_pct) > 1e-9
               or abs(c.total_contract_value - e.total_value) > 1e-6
        """)
        assert mismatches == [], breakdown


def test_hierarchy_rollup_covers_each_parents_whole_subtree(demo_warehouse):
    mismatches = query(demo_warehouse, """
        with recursive subtree as (
            select account_id as root_id, account_id from main_staging.stg_crm__accounts
            union all
            select subtree.root_id, child.account_id
            from subtree join main_staging.stg_crm__accounts as child on child.parent_account_id = subtree.account_id
        ),
        expected as (
            select s.root_id, c.as_of_date, count(*) as customers,
                   sum(c.annual_contract_value * c.engagement_score) / sum(c.annual_contract_value) as weighted
            from subtree as s join main_marts.fct_customer_engagement as c on c.account_id = s.account_id
            where s.root_id in (select parent_account_id from main_staging.stg_crm__accounts)
            group by all
        )
        select * from expected as e
        full join main_marts.fct_account_hierarchy_engagement as h
            on h.account_id = e.root_id and h.as_of_date = e.as_of_date
        where h.account_id is null or e.root_id is null or h.customers <> e.customers
           or abs(h.contract_weighted_score - e.weighted) > 1e-9
    """)
    assert mismatches == []
    deepest = query(demo_warehouse, "select max(depth) from main_intermediate.int_account_hierarchy_paths")[0][0]
    assert deepest >= 2, "the demo has grandchildren; the rollup must reach them"


def archetypes():
    with (PROJECT_DIR / "tests" / "fixtures" / "demo_account_archetypes.csv").open(newline="") as handle:
        return {row["account_id"]: row["archetype"] for row in csv.DictReader(handle)}


def test_demo_archetypes_land_where_a_reader_expects(demo_warehouse):
    kinds = archetypes()
    current = {r[0]: r[1:] for r in query(demo_warehouse,
               "select account_id, band, is_alerted, engagement_score from main_marts.dim_customer_engagement")}

    def share(archetype, predicate):
        rows = [v for k, v in current.items() if kinds[k] == archetype]
        return sum(1 for v in rows if predicate(*v)) / len(rows)

    assert share("champion", lambda band, alerted, score: band == "engaged") >= 0.8
    assert share("drifting", lambda band, alerted, score: alerted) >= 0.7
    assert share("drifting", lambda band, alerted, score: band != "engaged") >= 0.9
    assert share("steady", lambda band, alerted, score: not alerted) >= 0.9

    churned = {k for k, v in kinds.items() if v == "churned"}
    assert not churned & current.keys(), "churned customers are in the current mart"
    in_history = {r[0] for r in query(demo_warehouse,
                  "select distinct account_id from main_marts.fct_customer_engagement where not is_current")}
    assert churned & in_history, "churned customers are missing from the history"
