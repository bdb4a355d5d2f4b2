"""The HTML report (scripts/report.py): one self-contained file, figures equal to the
marts, charts that render in a real browser."""
import io
import re
import subprocess
import sys

import pytest

from engagement_tools import report

from conftest import PROJECT_DIR
from readers import chromium, copy_published, marts_query, published_demo  # noqa: F401 (fixtures)


@pytest.fixture(scope="module")
def demo_report(published_demo, tmp_path_factory):
    output = tmp_path_factory.mktemp("report") / "report.html"
    report.write_report(published_demo, output)
    return output, output.read_text(encoding="utf-8")


def element_text(page, element_id):
    match = re.search(rf'id="{element_id}">([^<]*)<', page)
    assert match, element_id
    return match.group(1)


def test_report_is_one_self_contained_file(demo_report):
    _, page = demo_report
    assert re.search(r"<script[^>]+src=", page) is None, "a script loaded from elsewhere"
    assert re.search(r"<link[^>]+href=", page) is None, "a stylesheet loaded from elsewhere"
    assert re.search(r"<img[^>]+src=\"http", page) is None
    assert "window.vegaEmbed" in page, "the Vega JavaScript is not inlined"


def test_report_figures_equal_the_marts(published_demo, demo_report):
    _, page = demo_report
    as_of, customers, cws, mean, alerted = marts_query(
        published_demo,
        "select as_of_date, customers, contract_weighted_score, mean_score, alerted_customers"
        " from main_marts.fct_book_of_business_engagement where breakdown = 'total' and is_current",
    )[0]
    assert element_text(page, "as-of-date") == str(as_of)
    kpis = re.search(r'<div class="kpis" id="kpis">(.*?)</div></div></div>', page, re.S)
    kpi_values = dict(re.findall(r'<div class="label">([^<]+)</div><div class="value">([^<]+)', page))
    assert kpi_values["Customers"] == f"{customers:,}"
    assert kpi_values["Contract-weighted score"] == f"{cws:.1f}"
    assert kpi_values["Mean score"] == f"{mean:.1f}"
    assert kpi_values["Alerted customers"] == f"{alerted:,}"
    assert kpis
    # who to call: every alerted customer, most urgent first
    alerted_names = [name for (name,) in marts_query(
        published_demo,
        "select account_name from main_marts.dim_customer_engagement where is_alerted"
        " order by action_priority nulls last, annual_contract_value desc nulls last, account_name",
    )]
    assert int(element_text(page, "alerted-count")) == len(alerted_names) == alerted
    section = page[page.index('id="alerted"'):page.index('id="churn"')]
    positions = [section.index(f"<td>{report.esc(name)}</td>") for name in alerted_names]
    assert positions == sorted(positions)
    # movement since the previous period
    down, up = marts_query(
        published_demo,
        """
        with ranked as (
            select
                case previous_band when 'engaged' then 1 when 'at_risk' then 2 when 'disengaged' then 3 end as was,
                case band when 'engaged' then 1 when 'at_risk' then 2 when 'disengaged' then 3 end as now
            from main_marts.fct_customer_engagement where is_current
        )
        select count(case when now > was then 1 end), count(case when now < was then 1 end) from ranked
        """,
    )[0]
    assert int(element_text(page, "moved-down")) == down
    assert int(element_text(page, "moved-up")) == up
    # the league table: every manager's own book, best score first
    managers = marts_query(
        published_demo,
        "select manager_name from main_marts.fct_manager_engagement where is_current and scope = 'direct'"
        " order by contract_weighted_score desc nulls last, manager_name",
    )
    league = page[page.index('id="managers"'):page.index('id="alerted"')]
    positions = [league.index(f"<td>{report.esc(name)}</td>") for (name,) in managers]
    assert positions == sorted(positions)
    assert "drifts up" in league


def test_report_says_churn_figures_are_not_available_until_the_backtest_lands(published_demo, tmp_path):
    """A warehouse without the backtest marts (a build before they existed, or a user who
    disabled them) gets "not available" in their place, not an error."""
    edited = copy_published(published_demo, tmp_path, [
        "drop table if exists main_marts.fct_score_backtest",
        "drop table if exists main_marts.fct_score_backtest_bins",
        "alter table main_marts.dim_customer_engagement drop column if exists churn_risk_pct",
    ])
    report.write_report(edited, tmp_path / "report.html")
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert 'id="churn-by-band-na"' in page and 'id="churn-risk-na"' in page and 'id="calibration-na"' in page


def test_the_demo_report_shows_the_backtest(demo_report):
    _, page = demo_report
    assert 'id="chart-churn_by_band"' in page and 'id="chart-calibration"' in page


BACKTEST_SQL = [
    # the shapes of the backtest marts (fct_score_backtest, fct_score_backtest_bins)
    "create or replace table main_marts.fct_score_backtest as select * from (values"
    " ('engagement', 'engagement_score', 'churned', 90, true, null::date, 'all', 0.71, 0.04),"
    " ('engagement', 'engagement_score', 'churned', 180, true, null::date, 'all', 0.74, 0.08),"
    " ('engagement', 'engagement_score', 'churned', 180, true, null::date, 'smb', 0.50, 0.10))"
    " as t(score_kind, score_name, outcome, horizon_days, is_pooled, as_of_date, segment, auc, base_rate)",
    "create or replace table main_marts.fct_score_backtest_bins as"
    " select 'engagement' as score_kind, 'engagement_score' as score_name, horizon_days, true as is_pooled,"
    " null::date as as_of_date, 'all' as segment, bin_type, bin, 100 as customers, min_score, max_score,"
    " churn_rate * 100 as churned_customers, churn_rate"
    " from (values (90, 'band', 'engaged', 70.0, 100.0, 0.02), (90, 'band', 'at_risk', 40.0, 70.0, 0.05),"
    " (90, 'band', 'disengaged', 0.0, 40.0, 0.12), (180, 'band', 'engaged', 70.0, 100.0, 0.03),"
    " (180, 'band', 'at_risk', 40.0, 70.0, 0.09), (180, 'band', 'disengaged', 0.0, 40.0, 0.21),"
    " (180, 'decile', '01', 20.0, 35.0, 0.25), (180, 'decile', '02', 35.0, 45.0, 0.15),"
    " (180, 'decile', '03', 45.0, 90.0, 0.04))"
    " as t(horizon_days, bin_type, bin, min_score, max_score, churn_rate)",
    "alter table main_marts.dim_customer_engagement add column if not exists churn_risk_pct double",
    "update main_marts.dim_customer_engagement set churn_risk_pct = (100 - engagement_score) / 3",
]


def test_report_shows_churn_by_band_and_churn_risk_when_the_marts_have_them(published_demo, tmp_path):
    edited = copy_published(published_demo, tmp_path, BACKTEST_SQL)
    _, data = report.write_report(edited, tmp_path / "report.html")
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert 'id="chart-churn_by_band"' in page and 'id="chart-calibration"' in page
    assert "-na\"" not in page
    by_band = report.churn_by_band_frame(data["bins"])
    assert sorted(zip(by_band["horizon_days"], by_band["bin"], by_band["churn_rate_pct"].round(6))) == [
        (90, "at_risk", 5.0), (90, "disengaged", 12.0), (90, "engaged", 2.0),
        (180, "at_risk", 9.0), (180, "disengaged", 21.0), (180, "engaged", 3.0)]
    assert list(report.calibration_frame(data["bins"])["bin"]) == ["01", "02", "03"]
    assert "AUC <b>0.71</b>" in page and "AUC <b>0.74</b>" in page and "AUC <b>0.50</b>" not in page
    expected = marts_query(edited, "select sum(churn_risk_pct) / 100 from main_marts.dim_customer_engagement")[0][0]
    assert f"<b>{expected:,.1f}</b>" in page
    assert "Churn risk %" in page


def test_report_charts_render_in_chromium(demo_report, chromium, tmp_path):
    output, _ = demo_report
    page = chromium.new_page(viewport={"width": 1300, "height": 900})
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(output.as_uri(), timeout=60_000)
        page.wait_for_function("window.chartsRendered + window.chartsFailed >= window.chartsExpected",
                               timeout=60_000)
        expected = page.evaluate("window.chartsExpected")
        assert expected >= 4
        assert page.evaluate("window.chartsFailed") == 0
        assert page.evaluate("window.chartsRendered") == expected
        # each chart drew marks: SVG paths in its box
        for chart_id in page.evaluate("Array.from(document.querySelectorAll('.chart')).map(e => e.id)"):
            marks = page.evaluate(f"document.querySelectorAll('#{chart_id} svg path, #{chart_id} svg rect').length")
            assert marks > 5, chart_id
        shot = page.screenshot(full_page=True)
    finally:
        page.close()
    assert not errors, errors
    (tmp_path / "report.png").write_bytes(shot)
    from PIL import Image

    image = Image.open(io.BytesIO(shot)).convert("RGB")
    assert image.height > 1500
    colours = image.resize((200, 400)).getcolors(maxcolors=100_000)
    assert len(colours) > 50, "the screenshot is (nearly) blank"
    # the band colours of the charts are on the page
    pixels = {colour for _, colour in image.getcolors(maxcolors=image.width * image.height)}
    for band_colour in ("#2e7d32", "#f9a825", "#c62828"):
        rgb = tuple(int(band_colour[i:i + 2], 16) for i in (1, 3, 5))
        assert rgb in pixels, band_colour


def test_report_help():
    result = subprocess.run([sys.executable, "scripts/report.py", "--help"], cwd=PROJECT_DIR,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and "self-contained" in result.stdout
