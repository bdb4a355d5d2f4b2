"""The Streamlit dashboard (dashboard/app.py): pages and filters with AppTest, and
one real-browser test (Debian's chromium under Playwright) against a server on
127.0.0.1."""
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from streamlit.testing.v1 import AppTest

from conftest import PROJECT_DIR
from readers import chromium, copy_published, marts_query, published_demo  # noqa: F401 (fixtures)

APP = str(PROJECT_DIR / "dashboard" / "app.py")
BOOK = "main_marts.fct_book_of_business_engagement"


@pytest.fixture
def app(published_demo, monkeypatch):
    monkeypatch.setenv("ENGAGEMENT_PUBLISHED_PATH", str(published_demo))
    return AppTest.from_file(APP, default_timeout=120).run()


def metrics(app):
    return {metric.label: metric.value for metric in app.metric}


def charts(app):
    """The Vega-Lite specs of the page's charts (st.line_chart, st.area_chart, st.bar_chart)."""
    found = []

    def walk(node):
        for child in (node.children.values() if isinstance(getattr(node, "children", None), dict) else []):
            if getattr(child, "type", None) == "vega_lite_chart":
                found.append(json.loads(child.proto.spec))
            walk(child)

    walk(app._tree)
    return found


def shown_columns(table):
    """Each column of an st.dataframe as the reader sees it: (header, number format or None)."""
    config = json.loads(table.proto.columns or "{}")
    shown = []
    for column in table.value.columns:
        settings = config.get(column, {})
        shown.append((settings.get("label", column), (settings.get("type_config") or {}).get("format")))
    return shown


def assert_readable(table):
    """Headers in words (no snake_case), every number column formatted (no raw floats)."""
    for (header, number_format), column in zip(shown_columns(table), table.value.columns):
        assert "_" not in header, f"header {header!r} is snake_case"
        assert header[0].isupper(), header
        if table.value[column].dtype.kind == "f":
            assert number_format and re.fullmatch(r"%[+]?\.[0-3][fg]", number_format), (header, number_format)


def book_figures(published, breakdown, value):
    customers, cws, mean, alerted = marts_query(
        published,
        f"select customers, contract_weighted_score, mean_score, alerted_customers from {BOOK}"
        " where breakdown = ? and breakdown_value = ? and is_current",
        [breakdown, value],
    )[0]
    return {
        "Customers": f"{customers:,}",
        "Contract-weighted score": f"{cws:.1f}",
        "Mean score": f"{mean:.1f}",
        "Alerted customers": f"{alerted:,}",
    }


def test_book_page_equals_the_book_of_business_mart(app, published_demo):
    assert not app.exception
    shown = metrics(app)
    for label, value in book_figures(published_demo, "total", "all").items():
        assert shown[label] == value, label


@pytest.mark.parametrize("breakdown", ["segment", "region"])
def test_segment_and_region_filters_equal_the_mart_breakdowns(app, published_demo, breakdown):
    values = [v for (v,) in marts_query(
        published_demo, f"select breakdown_value from {BOOK} where breakdown = ? and is_current order by 1",
        [breakdown])]
    assert app.selectbox(key=f"filter_{breakdown}").options == ["All", *[v.replace("_", " ") for v in values]]
    for value in values[:2]:
        app.selectbox(key=f"filter_{breakdown}").set_value(value).run()
        assert not app.exception
        shown = metrics(app)
        for label, expected in book_figures(published_demo, breakdown, value).items():
            assert shown[label] == expected, (value, label)


def test_manager_and_band_filters(app, published_demo):
    name, customers, cws = marts_query(
        published_demo,
        "select manager_name, customers, contract_weighted_score from main_marts.fct_manager_engagement"
        " where is_current and scope = 'direct' order by customers desc, manager_name limit 1",
    )[0]
    app.selectbox(key="filter_manager_name").set_value(name).run()
    assert metrics(app)["Customers"] == f"{customers:,}"
    assert metrics(app)["Contract-weighted score"] == f"{cws:.1f}"
    app.selectbox(key="filter_manager_name").set_value("All").run()
    app.selectbox(key="filter_band").set_value("at_risk").run()
    at_risk = marts_query(published_demo, f"select at_risk_customers from {BOOK} where breakdown = 'total' and is_current")
    assert metrics(app)["Customers"] == f"{at_risk[0][0]:,}"
    # the alert table lists only alerted customers of the band
    table = app.dataframe[0].value
    assert set(table["band"]) <= {"At risk"}
    assert len(table) == marts_query(
        published_demo, "select count(*) from main_marts.dim_customer_engagement where band = 'at_risk' and is_alerted"
    )[0][0]


def test_customers_per_band_is_stacked_so_every_band_shows(app):
    """Overlaid areas hid the engaged band behind the others: the bands stack."""
    areas = [spec for spec in charts(app) if (spec.get("mark") or {}).get("type") == "area"]
    assert len(areas) == 1
    stack = areas[0]["encoding"]["y"].get("stack")
    assert stack in (True, "zero"), f"the band areas are not stacked (stack = {stack!r})"


def test_who_to_call_reads_in_words_and_rounded_numbers(app, published_demo):
    table = app.dataframe[0]
    assert_readable(table)
    headers = [header for header, _ in shown_columns(table)]
    assert headers[:2] == ["Customer", "Manager"] and "Score" in headers
    formats = dict(shown_columns(table))
    assert formats["Score"] == "%.1f" and formats["Change"] == "%+.1f"
    # values in words too: no snake_case band, alert, driver or owner
    for column in ("band", "alert_reason", "top_driver_down_1", "owner_role"):
        assert not table.value[column].astype(str).str.contains("_").any(), column


def test_lifecycle_stage_filter_appears_when_the_mart_has_the_column(app, published_demo, tmp_path, monkeypatch):
    has_stage = marts_query(published_demo, "select count(*) from information_schema.columns where table_schema ="
                            " 'main_marts' and table_name = 'dim_customer_engagement' and column_name = 'lifecycle_stage'")
    keys = [box.key for box in app.selectbox]
    assert ("filter_lifecycle_stage" in keys) == bool(has_stage[0][0])
    edited = copy_published(published_demo, tmp_path, [
        "alter table main_marts.dim_customer_engagement add column if not exists lifecycle_stage varchar",
        "update main_marts.dim_customer_engagement"
        " set lifecycle_stage = case when engagement_score >= 50 then 'adoption' else 'renewal' end",
    ])
    monkeypatch.setenv("ENGAGEMENT_PUBLISHED_PATH", str(edited))
    staged = AppTest.from_file(APP, default_timeout=120).run()
    staged.selectbox(key="filter_lifecycle_stage").set_value("renewal").run()
    expected = marts_query(edited, "select count(*) from main_marts.dim_customer_engagement"
                                   " where lifecycle_stage = 'renewal'")[0][0]
    assert metrics(staged)["Customers"] == f"{expected:,}"


def test_customer_page_shows_history_elements_drivers_and_movers(app, published_demo):
    account_id, name, score, previous, drivers_down = marts_query(
        published_demo,
        "select account_id, account_name, engagement_score, previous_engagement_score, top_driver_down_1"
        " from main_marts.dim_customer_engagement"
        " where is_alerted and previous_engagement_score is not null order by account_id limit 1",
    )[0]
    app.radio(key="page").set_value("Customer").run()
    app.selectbox(key="customer").set_value(account_id).run()
    assert not app.exception
    assert metrics(app)["Engagement score"] == f"{score:.1f}"
    assert [h.value for h in app.subheader][:3] == ["Score history", "Element scores today", "Drivers up"]
    assert drivers_down.replace("_", " ") in " ".join(m.value for m in app.markdown)
    assert_readable(app.dataframe[0])
    movers = app.dataframe[0].value
    assert len(movers) == marts_query(
        published_demo,
        "select count(*) from main_marts.fct_customer_indicator_scores where account_id = ? and is_current",
        [account_id])[0][0]
    # contributions add up to the score, so their changes add up to the score change
    assert movers["contribution_change_points"].sum() == pytest.approx(score - previous, abs=1e-6)
    assert list(movers["contribution_change_points"].abs()) == sorted(movers["contribution_change_points"].abs(),
                                                                      reverse=True)


def test_movers_read_the_marts_change_column_when_present(published_demo, tmp_path):
    """Once fct_customer_indicator_scores carries contribution_change_points, the
    customer page shows the mart's figure rather than recomputing it."""
    from engagement_tools.published_marts import Marts

    edited = copy_published(published_demo, tmp_path, [
        "alter table main_marts.fct_customer_indicator_scores add column if not exists previous_contribution_points double",
        "alter table main_marts.fct_customer_indicator_scores add column if not exists contribution_change_points double",
        "update main_marts.fct_customer_indicator_scores set contribution_change_points = 1000 + len(indicator)",
    ])
    account_id = marts_query(edited, "select min(account_id) from main_marts.dim_customer_engagement")[0][0]
    marts = Marts(edited)
    try:
        movers = marts.movers(account_id)
    finally:
        marts.close()
    indicators = marts_query(edited, "select count(*) from main_marts.fct_customer_indicator_scores"
                                     " where account_id = ? and period_index = 0", [account_id])[0][0]
    assert len(movers) == indicators > 0 and (movers["contribution_change_points"] > 1000).all()
    assert list(movers["contribution_change_points"]) == sorted(movers["contribution_change_points"], reverse=True)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_dashboard_in_chromium_filter_changes_the_figures(published_demo, chromium, tmp_path):
    """Start the app on 127.0.0.1, open it in chromium, pick a segment, read the
    number of customers: it must equal the book-of-business mart's."""
    port = free_port()
    env = dict(os.environ, ENGAGEMENT_PUBLISHED_PATH=str(published_demo))
    log = open(tmp_path / "streamlit.log", "w")
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", APP, "--server.address", "127.0.0.1", "--server.port", str(port),
         "--server.headless", "true", "--browser.gatherUsageStats", "false", "--global.developmentMode", "false",
         "--client.toolbarMode", "minimal"],
        cwd=PROJECT_DIR, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 90
        while True:
            assert server.poll() is None, (tmp_path / "streamlit.log").read_text()
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=5) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            assert time.monotonic() < deadline, "the dashboard did not start within 90 s"
            time.sleep(0.5)
        segment = marts_query(published_demo, f"select breakdown_value, customers from {BOOK}"
                                              " where breakdown = 'segment' and is_current order by customers limit 1")
        value, customers = segment[0]
        total = marts_query(published_demo, f"select customers from {BOOK} where breakdown = 'total' and is_current")
        page = chromium.new_page(viewport={"width": 1400, "height": 1000})
        try:
            page.goto(f"http://127.0.0.1:{port}/", timeout=60_000)
            # the label exactly: has_text alone also matches "Alerted customers" (case-blind substring)
            customers_label = page.locator('[data-testid="stMetricLabel"]', has_text=re.compile(r"^\s*Customers\s*$"))
            customers_metric = page.locator('[data-testid="stMetric"]', has=customers_label)
            customers_value = customers_metric.locator('[data-testid="stMetricValue"]')
            customers_value.wait_for(timeout=60_000)
            assert customers_value.inner_text().strip() == f"{total[0][0]:,}"
            page.locator('[data-testid="stSelectbox"]', has_text="Segment").click()
            page.get_by_role("option", name=value.replace("_", " "), exact=True).click()
            page.wait_for_function(
                """([expected]) => Array.from(document.querySelectorAll('[data-testid="stMetric"]'))
                    .some(m => m.querySelector('[data-testid="stMetricLabel"]').innerText.trim() === 'Customers'
                        && m.querySelector('[data-testid="stMetricValue"]').innerText.trim() === expected)""",
                arg=[f"{customers:,}"], timeout=60_000,
            )
            assert customers_value.inner_text().strip() == f"{customers:,}"
            page.locator(".vega-embed").first.wait_for(timeout=30_000)
            page.screenshot(path=str(tmp_path / "dashboard.png"))
        finally:
            page.close()
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=30)
        log.close()
