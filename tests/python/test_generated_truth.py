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
import yaml

from conftest import BUILD_WITHOUT_TESTS, PROJECT_DIR, built_once, generated_project, query, run_dbt
from test_cross_engine import IN_CI, SELECTED, Postgres, normalize, values_equal

AS_OF = "2026-10-31"            # the preset's last day (scripts/engagement_data/world.py DEFAULT_END_DATE)
PLANTED_DRIVERS = {"support_escalations", "logins_per_seat", "days_since_last_login", "active_user_ratio"}
SURVEY_ANSWERS = {"nps", "csat", "ces"}
# How close the learnt weights must come to the generating model's AUC out of time (the issue's figure).
WITHIN = 0.02
VARS = yaml.safe_load((PROJECT_DIR / "dbt_project.yml").read_text())["vars"]
MIN_IMPACT = VARS["engagement__driver_min_impact_points"]
MAX_SHARE = VARS["engagement__max_indicator_share"]


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


def held_out_auc_within_peer_groups(warehouse):
    """The held-out AUC the learnt shares would reach on every indicator's score as the registry
    compares it (within its peer group), instead of the comparison the fit learnt: the score the
    learnt weights gave before they learnt the comparison too."""
    rows = query(warehouse, """
        with held_out as (select max(held_out_as_of_date) as d from main_intermediate.int_score_weights_compared)
        select outcomes.is_churned,
               sum(case when not scores.is_excluded then learnt.learnt_share * scores.indicator_score end)
               / nullif(sum(case when not scores.is_excluded then learnt.learnt_share end), 0)
        from main_intermediate.int_indicator_weights_registry as scores
        inner join held_out on scores.as_of_date = held_out.d
        inner join main_intermediate.int_customer_outcomes as outcomes
            on scores.as_of_date = outcomes.as_of_date and scores.account_id = outcomes.account_id
            and outcomes.is_observed and outcomes.horizon_days = 180
        left join main_intermediate.int_indicator_weights_learnt as learnt on scores.indicator = learnt.indicator
        group by scores.account_id, outcomes.is_churned""")
    return auc([(score, bool(churned)) for churned, score in rows if score is not None])


def test_the_learnt_comparison_is_what_reaches_the_generating_model(planted):
    """Why the learnt weights come within the issue's 0.02 of the generating model: they also
    learn to compare usage among all customers rather than within the segment (the truth's churn
    follows logins per seat whatever the segment, and segments churn at different rates). On the
    peer-group scores the same shares stay more than 0.02 below the generating model
    (docs/does_it_work.md, 'A planted truth')."""
    _, warehouse, truth = planted
    f = figures(warehouse, truth)
    learnt = dict(query(warehouse, """
        select indicator, is_among_all_customers from main_intermediate.int_indicator_weights_learnt"""))
    assert learnt["logins_per_seat"] and learnt["active_user_ratio"], learnt
    assert not any(learnt[i] for i in SURVEY_ANSWERS | {"support_escalations"}), learnt
    within_peer_groups = held_out_auc_within_peer_groups(warehouse)
    assert f["generating_auc"] - within_peer_groups > WITHIN, (within_peer_groups, f)
    assert f["learnt_auc"] - within_peer_groups > 0.03, (within_peer_groups, f)


def test_learnt_weights_within_the_issues_target_of_the_generating_model(planted):
    """Item 5: out of time, the learnt weights come within 0.02 of the generating model's AUC
    (here above it: the generating model is the next month's hazard from 30 days of logins, the
    outcome is churn within 180 days, which the score's longer memory of usage ranks better)."""
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
        "learnt shares on the peer-group scores": held_out_auc_within_peer_groups(warehouse),
    }
    for label, value in expected.items():
        assert re.search(rf"\| {label} \| {value:.3f} \|", quoted), (label, round(value, 3), quoted)
    for indicator in ("logins_per_seat", "active_user_ratio", "support_escalations"):
        assert f"`{indicator}` {f['shares'][indicator]:.0%}" in quoted, (indicator, f["shares"][indicator], quoted)
    # the README's "Does the score work?" quotes the same three
    readme = " ".join((PROJECT_DIR / "README.md").read_text().split())
    quoted = (f"AUC {f['learnt_auc']:.3f} against {f['generating_auc']:.3f}; "
              f"the registry's weights {f['registry_auc']:.3f}")
    assert quoted in readme, quoted


LEARNT_SQL = ("select indicator, outcome_auc, learnt_share, contradicts_direction, is_among_all_customers, "
              "peer_group_outcome_auc "
              "from {schema}.int_indicator_weights_learnt order by indicator")
COMPARED_SQL = ("select weights, held_out_as_of_date, held_out_customers, held_out_churned, held_out_auc "
                "from {schema}.int_score_weights_compared order by weights")
# What the Postgres tests below read: the planted set's Postgres build is these and their lineage.
POSTGRES_READS = ["int_indicator_weights_learnt", "int_score_weights_compared", "int_indicator_contributions",
                  "int_indicator_health", "int_churn_risk_calibrated", "fct_customer_indicator_scores",
                  "dim_customer_engagement"]
# The models `engagement__weights` switches, up to the contributions it weights (as test_green_first_build.py
# does on the DuckDB demo).
WEIGHT_MODELS = ["int_indicator_weights_learnt", "int_score_weights_held_out", "int_score_weights_compared",
                 "int_indicator_contributions"]


@pytest.fixture(scope="module")
def planted_postgres(planted, tmp_path_factory):
    """The planted set built on Postgres once for this module's Postgres tests (a throwaway
    schema of the server ENGAGEMENT_POSTGRES_* point at, dropped at the end); `rows(sql)` reads
    it, with {marts} and {intermediate} standing for its schemas."""
    if "postgres" not in SELECTED and not IN_CI:
        pytest.skip("postgres not selected in ENGAGEMENT_TEST_ENGINES")
    import psycopg2

    project, _, _ = planted
    engine = Postgres(tmp_path_factory.mktemp("planted_postgres"))
    engine.check_available()

    def rows(sql):
        with psycopg2.connect(**engine.settings) as con, con.cursor() as cur:
            cur.execute(sql.format(marts=f"{engine.schema}_marts", intermediate=f"{engine.schema}_intermediate"))
            return cur.fetchall()

    try:
        # the models the tests below read and their lineage (101 of 129: no backtest, data
        # quality, KPI or hierarchy table), without data tests (Postgres runs every data test on
        # the demo: test_cross_engine.py); what this set adds is its planted truth
        engine.build(project, select=POSTGRES_READS)
        yield engine, project, rows
    finally:
        engine.cleanup()


def test_postgres_learns_the_same_weights_from_the_planted_truth(planted, planted_postgres):
    """The same set built on Postgres: the same learnt shares, training AUCs and held-out AUCs
    as on DuckDB (the fit is portable SQL), so the recovery above holds there too (item 5)."""
    _, warehouse, _ = planted
    _, _, rows = planted_postgres
    for sql in (LEARNT_SQL, COMPARED_SQL):
        on_duckdb = query(warehouse, sql.format(schema="main_intermediate"))
        on_postgres = rows(sql.format(schema="{intermediate}"))
        assert len(on_duckdb) == len(on_postgres) > 1
        for left, right in zip(on_duckdb, on_postgres):
            left = tuple(normalize(v) for v in left)
            right = tuple(normalize(v) for v in right)
            assert all(values_equal(a, b) for a, b in zip(left, right)), (left, right)


def test_postgres_judges_information_on_the_scored_value(planted_postgres):
    """Item 1 on Postgres, on data not shaped like the demo: a customer without renewal history
    gets renewal_rate's own level (when_missing own_level), one score for all of them, counted
    as data, not the neutral middle; no indicator is scored for some customers and dropped for
    others at the same date."""
    _, _, rows = planted_postgres
    levels = rows("""
        select count(*), count(distinct indicator_score), min(indicator_score),
               sum(case when has_data then 0 else 1 end)
        from {marts}.fct_customer_indicator_scores
        where is_current and indicator = 'renewal_rate' and raw_value is null""")
    customers, distinct_scores, score, without_data = levels[0]
    assert customers > 0 and distinct_scores == 1 and without_data == 0, levels
    assert float(score) != 50.0, levels
    # information judged on the scored value: an indicator drops out (constant) exactly when its
    # scores after the missing-data policy do not vary, and renewal_rate, whose raw rate is 1 for
    # most customers who have one, carries information through its own level
    health = rows("""
        select indicator, as_of_date, carries_information, distinct_scores, status
        from {marts}.fct_customer_indicator_scores as scores
        inner join {intermediate}.int_indicator_health as health using (indicator, as_of_date)
        where scores.is_current
        group by indicator, as_of_date, carries_information, distinct_scores, status""")
    assert len(health) == 26, health
    assert all(carries == (distinct > 1) for _, _, carries, distinct, status in health
               if status in ("ok", "constant")), health
    assert ("renewal_rate", True) in {(i, c) for i, _, c, _, _ in health}, health


def test_postgres_caps_shares_and_risk_and_names_drivers_honestly(planted_postgres):
    """Items 2 and 4 on Postgres: no indicator takes more than the cap when 1 / cap indicators
    are left and the effective weights add up to 1; churn_risk_pct never falls as the score
    falls and is null only with a reason; a driver is named only at the minimum impact."""
    _, _, rows = planted_postgres
    over = rows(f"""
        select as_of_date, account_id, max(effective_weight), sum(effective_weight)
        from {{marts}}.fct_customer_indicator_scores
        group by as_of_date, account_id
        having (sum(case when effective_weight > 0 then 1 else 0 end) >= 1 / {MAX_SHARE}
                and max(effective_weight) > {MAX_SHARE} + 1e-9)
            or (sum(case when effective_weight > 0 then 1 else 0 end) > 0 and abs(sum(effective_weight) - 1) > 1e-9)""")
    assert over == [], over[:5]

    bins = rows("""
        select score_bin, churn_risk_pct, churn_risk_null_reason
        from {intermediate}.int_churn_risk_calibrated order by score_bin""")
    known = [float(risk) for _, risk, _ in bins if risk is not None]
    assert len(bins) == 10 and len(known) >= 4, bins
    assert all(a >= b for a, b in zip(known, known[1:])), bins
    assert all((risk is None) == (reason is not None) for _, risk, reason in bins), bins

    impacts = {}
    for account_id, indicator, impact in rows("""
            select account_id, indicator, round(cast(impact_points as numeric), 9)
            from {marts}.fct_customer_indicator_scores where is_current and not is_excluded"""):
        impacts.setdefault(account_id, {})[indicator] = float(impact)
    small = 0
    for account_id, *drivers in rows("""
            select account_id, top_driver_up_1, top_driver_up_2, top_driver_up_3,
                   top_driver_down_1, top_driver_down_2, top_driver_down_3
            from {marts}.dim_customer_engagement"""):
        by_indicator = impacts.get(account_id, {})
        for named in (d for d in drivers if d):
            assert abs(by_indicator[named]) >= MIN_IMPACT, (account_id, named, by_indicator)
        up = [k for k, v in sorted(by_indicator.items(), key=lambda t: (-t[1], t[0])) if v >= MIN_IMPACT][:3]
        assert [d for d in drivers[:3] if d] == up, (account_id, drivers, by_indicator)
        small += sum(1 for v in by_indicator.values() if 0 < abs(v) < MIN_IMPACT)
    assert small > 0, "impacts under the minimum exist, which the check above keeps unnamed"


# Last of the Postgres tests: it reruns the weight models of the Postgres schema with other vars.
def test_postgres_applies_the_learnt_weights_only_when_chosen(planted_postgres):
    """Item 3 on Postgres: with engagement__weights auto the learnt weights score the customers
    (they beat the registry on the held-out date here): an incremental run rescores the current
    as-of date, each customer's effective weights being the learnt shares re-normalized over its
    indicators (the cap does not bind learnt weights), no contradicting indicator weighted; below
    the minimum of churns there are no learnt shares (null) and `learnt` falls back to the
    registry, with the reason. (Incremental runs, not --full-refresh: the contributions' full
    rebuild costs minutes on Postgres, and the current date is the one scored with new weights.)"""
    engine, project, rows = planted_postgres

    def rerun(run_vars, models):
        run_dbt(["run", "--select", *models, "--vars", run_vars],
                engine.workdir / "unused.duckdb", env_extra=engine.env(), project_dir=project)

    rerun("{engagement__weights: auto}", WEIGHT_MODELS)
    applied = rows("select weights, applied_reason from {intermediate}.int_score_weights_compared where is_applied")
    assert applied == [("learnt", "learnt weights beat the registry on the held-out date")], applied
    shares = {i: float(s or 0) for i, s, _ in rows(
        "select indicator, learnt_share, contradicts_direction from {intermediate}.int_indicator_weights_learnt")}
    contradicting = {i for i, _, c in rows(
        "select indicator, learnt_share, contradicts_direction from {intermediate}.int_indicator_weights_learnt")
        if c}
    by_customer = {}
    for account_id, indicator, weight, excluded in rows("""
            select account_id, indicator, effective_weight, is_excluded from {intermediate}.int_indicator_contributions
            where as_of_date = (select max(as_of_date) from {intermediate}.int_indicator_contributions)"""):
        by_customer.setdefault(account_id, {})[indicator] = (float(weight), excluded)
    assert len(by_customer) > 500
    for account_id, weights in by_customer.items():
        total = sum(shares[i] for i, (_, excluded) in weights.items() if not excluded)
        for indicator, (weight, excluded) in weights.items():
            expected = 0.0 if excluded or total == 0 else shares[indicator] / total
            assert abs(weight - expected) < 1e-9, (account_id, indicator, weight, expected)
            assert not (indicator in contradicting and weight > 0), (account_id, indicator)
    assert max(w for ws in by_customer.values() for w, _ in ws.values()) > MAX_SHARE, \
        "the outcomes support a share above the registry's cap here (logins_per_seat)"
    # each indicator scored as learnt: among all customers where the fit chose that comparison
    among_all = {i for i, a in rows(
        "select indicator, is_among_all_customers from {intermediate}.int_indicator_weights_learnt") if a}
    assert "logins_per_seat" in among_all, among_all
    scored_otherwise = rows("""
        select count(*) from {intermediate}.int_indicator_contributions as applied
        inner join {intermediate}.int_indicator_weights_registry as scores
            on applied.as_of_date = scores.as_of_date and applied.account_id = scores.account_id
            and applied.indicator = scores.indicator
        inner join {intermediate}.int_indicator_weights_learnt as learnt on applied.indicator = learnt.indicator
        where applied.as_of_date = (select max(as_of_date) from {intermediate}.int_indicator_contributions)
            and (coalesce(applied.indicator_score, -1) <> coalesce(case when learnt.is_among_all_customers
                    then scores.score_among_all_customers else scores.indicator_score end, -1)
                or (learnt.is_among_all_customers and applied.peer_group_value <> 'all'))""")
    assert scored_otherwise == [(0,)], scored_otherwise

    rerun("{engagement__weights: learnt, engagement__learnt_weights_min_churned: 100000}", WEIGHT_MODELS[:3])
    assert rows("select count(learnt_share), count(*) from {intermediate}.int_indicator_weights_learnt") == [(0, 26)]
    applied = rows("select weights, applied_reason from {intermediate}.int_score_weights_compared where is_applied")
    assert applied == [("registry", "no learnt weights: too few churns on the training dates")], applied
