"""Shared helpers of the reader-side tests (publish, report, dashboard, semantic layer):
a published copy of the demo warehouse, and Debian's chromium driven by Playwright."""
import os
import shutil
from pathlib import Path

import duckdb
import pytest

from engagement_tools import publish

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def in_ci():
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


@pytest.fixture(scope="session")
def published_demo(demo_warehouse, tmp_path_factory):
    """The demo warehouse published as readers get it (scripts/publish.py)."""
    target = tmp_path_factory.mktemp("published") / "engagement.duckdb"
    publish.publish(demo_warehouse, target)
    return target


def marts_query(path, sql, params=None):
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def copy_published(published, tmp_path, edit_sql=()):
    """A writable copy of a published file, edited by `edit_sql` (to add the
    columns and tables other issues bring)."""
    copy = tmp_path / "edited.duckdb"
    shutil.copyfile(published, copy)
    con = duckdb.connect(str(copy))
    try:
        for statement in edit_sql:
            con.execute(statement)
    finally:
        con.close()
    return copy


@pytest.fixture(scope="module")
def chromium():
    """A headless Debian chromium under Playwright; skipped when absent outside CI
    (scripts/run_tests.sh installs it; CI must have it). Module scope: each test
    module imports it, and two Playwright sync sessions cannot share a thread."""
    if not Path(CHROMIUM).exists():
        if in_ci():
            pytest.fail(f"{CHROMIUM} is absent: scripts/run_tests.sh installs it (scripts/install_chromium.sh)")
        pytest.skip(f"{CHROMIUM} is absent (bash scripts/install_chromium.sh installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, timeout=60_000)
        try:
            yield browser
        finally:
            browser.close()
