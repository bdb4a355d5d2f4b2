"""A user's partial data (issue 11): only the CRM and support sources.

The demo is landed as a user's loader would, then the survey and marketing
sources are switched off (engagement__using_<source>: false), the product usage
table is empty and there is no release catalogue (product_releases empty):
what a user with a CRM and a help desk has. The build must pass and tell the
truth: the indicators without information are named (dq_indicator_health and a
warning during the build), they drop out of every score and of coverage, no
explanation names them, and the scores still spread over the bands.
"""
import pytest

from conftest import PROJECT_DIR, load_landing_copy, query, run_dbt

SWITCHED_OFF = {"engagement__using_survey": "false", "engagement__using_marketing": "false"}
# Fed only by survey, marketing, product usage, or the release catalogue.
DEAD = {
    "nps", "ces", "survey_response_rate",                   # survey (switched off)
    "event_attendance", "email_engagement", "advocacy",     # marketing (switched off)
    "logins_per_seat", "feature_breadth",                   # product usage (empty table)
    "version_currency",                                     # no release catalogue
}
# Fed by CRM and support: they carry information on the demo.
LIVE = {"modules_licensed", "csat", "support_escalations", "support_cases_opened", "meetings_and_reviews",
        "tenure_years", "expansion_spend", "share_of_wallet"}


@pytest.fixture(scope="module")
def partial_build(tmp_path_factory):
    warehouse = tmp_path_factory.mktemp("partial") / "partial.duckdb"
    landing_vars = load_landing_copy(warehouse, edit_sql=[
        "delete from landing_product.usage_events",
        "delete from landing_crm.product_releases",
    ])
    switches = ", ".join(f"{name}: {value}" for name, value in SWITCHED_OFF.items())
    build_vars = landing_vars[:-1] + ", " + switches + "}"
    # data tests included (the warning is one); unit tests run in the main build (their
    # fixtures take the landing tables' all-text types here)
    proc = run_dbt(["build", "--exclude-resource-type", "unit_test", "--vars", build_vars], warehouse)
    return warehouse, proc.stdout


def test_build_passes_and_names_the_dead_indicators(partial_build):
    warehouse, stdout = partial_build
    status = dict(query(warehouse, """
        select indicator, status from main_data_quality.dq_indicator_health where is_current"""))
    dead = {indicator for indicator, state in status.items() if state != "ok"}
    assert DEAD <= dead, f"not named as carrying no information: {sorted(DEAD - dead)}"
    assert not (LIVE & dead), f"named dead although fed by CRM or support: {sorted(LIVE & dead)}"
    assert status["nps"] == "no_input" and status["logins_per_seat"] == "no_input"
    warning = next((line for line in stdout.splitlines() if "carrying no information" in line), "")
    assert all(indicator in warning for indicator in DEAD), f"the build's warning does not name them all: {warning!r}"
    assert "WARN" in stdout


def test_switched_off_source_reads_nothing(partial_build):
    warehouse, _ = partial_build
    counts = query(warehouse, """
        select
            (select count(*) from main_staging.stg_survey__responses),
            (select count(*) from main_staging.stg_marketing__email_events),
            (select count(*) from main_data_quality.dq_rejected_rows where source_name in ('survey', 'marketing'))""")
    assert counts == [(0, 0, 0)]


def test_dead_indicators_drop_out_and_coverage_counts_only_live_ones(partial_build):
    warehouse, _ = partial_build
    dead_list = ", ".join(f"'{indicator}'" for indicator in sorted(DEAD))
    scored_dead = query(warehouse, f"""
        select count(*) from main_marts.fct_customer_indicator_scores
        where is_current and indicator in ({dead_list})
            and (not is_excluded or has_data or indicator_score is not null or effective_weight <> 0)""")[0][0]
    assert scored_dead == 0, "an indicator without information still scores (0 or 50) or has weight"
    # coverage: the nominal weight of the indicators with data, dead ones never among them
    mismatched = query(warehouse, """
        select count(*)
        from main_marts.fct_customer_engagement as customers
        inner join (
            select account_id, as_of_date, 100 * sum(case when has_data then nominal_weight else 0 end) as expected
            from main_marts.fct_customer_indicator_scores
            group by account_id, as_of_date
        ) as indicators
            on customers.account_id = indicators.account_id and customers.as_of_date = indicators.as_of_date
        where abs(customers.coverage_pct - indicators.expected) > 1e-9""")[0][0]
    assert mismatched == 0
    dead_weight = query(warehouse, f"""
        select max(nominal_weight_of_dead) from (
            select account_id, sum(nominal_weight) as nominal_weight_of_dead
            from main_marts.fct_customer_indicator_scores
            where is_current and indicator in ({dead_list})
            group by account_id
        )""")[0][0]
    highest_coverage = query(warehouse, "select max(coverage_pct) from main_marts.dim_customer_engagement")[0][0]
    assert highest_coverage <= 100 * (1 - dead_weight) + 1e-9, (
        f"coverage {highest_coverage:.1f}% counts indicators without information "
        f"(they hold {100 * dead_weight:.1f}% of the weight)")


def test_scores_spread_over_the_bands(partial_build):
    warehouse, _ = partial_build
    bands = dict(query(warehouse, "select band, count(*) from main_marts.dim_customer_engagement group by band"))
    total = sum(bands.values())
    spread = {band: n for band, n in bands.items() if band != "insufficient_data" and n >= 0.05 * total}
    assert len(spread) >= 3, f"customers pile into too few bands: {bands}"


def test_explanations_never_name_a_dead_indicator(partial_build):
    warehouse, _ = partial_build
    columns = [f"top_driver_{direction}_{n}" for direction in ("up", "down") for n in (1, 2, 3)]
    named = query(warehouse, " union ".join(
        f"select {column} from main_marts.dim_customer_engagement where {column} is not null" for column in columns))
    named = {row[0] for row in named}
    assert named, "no drivers at all"
    assert not (named & DEAD), f"explanations name indicators without information: {sorted(named & DEAD)}"
    assert "modules_licensed" in named, "licences without a release catalogue still explain scores"


def test_docs_quote_this_build(partial_build):
    """docs/scoring.md ("Bands on partial data") quotes this build's bands and score range;
    they must be this build's (this build is not the demo, so scripts/doc_figures.py cannot
    write them: on a change, copy the figures this test prints)."""
    warehouse, _ = partial_build
    customers, engaged, at_risk, disengaged, low, high = query(warehouse, """
        select count(*), count(*) filter (where band = 'engaged'), count(*) filter (where band = 'at_risk'),
            count(*) filter (where band = 'disengaged'), floor(min(engagement_score)), ceil(max(engagement_score))
        from main_marts.dim_customer_engagement""")[0]
    built = (f"the {customers} current customers spread {engaged} engaged / {at_risk} at risk / "
             f"{disengaged} disengaged, scores {low:.0f} to {high:.0f}")
    text = " ".join((PROJECT_DIR / "docs" / "scoring.md").read_text(encoding="utf-8").split())
    assert built in text, f"docs/scoring.md, 'Bands on partial data', should say: {built}"
def test_no_survivor_takes_more_than_the_cap(partial_build):
    """With survey, marketing, usage and the release catalogue gone, few indicators are left:
    re-normalized, some would carry more than engagement__max_indicator_share of a score;
    the cap holds them to it where at least 1 / cap indicators are left (docs/scoring.md,
    "Weights that follow what is there")."""
    warehouse, _ = partial_build
    over, capped = query(warehouse, """
        with shares as (
            select as_of_date, account_id,
                   max(renormalized_weight) as largest_before_cap, max(effective_weight) as largest,
                   count(*) filter (where effective_weight > 0) as included
            from main_intermediate.int_indicator_contributions
            group by as_of_date, account_id
        )
        select count(*) filter (where included >= 4 and largest > 0.25 + 1e-9),
               count(*) filter (where included >= 4 and largest_before_cap > 0.25 + 1e-9)
        from shares""")[0]
    assert over == 0
    assert capped > 0, "the partial data set has scores the cap changed"
