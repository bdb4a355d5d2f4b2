"""The daily run skips a day on which nothing arrived, and builds when something did
(scripts/daily_build.py, macros/staging/raw_fingerprint.sql; issue #17).

The demo is landed as a user's loader would (landing_<source> schemas; the demo
seeds never get a fingerprint), built once by the daily command, which stores the
fingerprint of the raw inputs. A second daily run with nothing new must skip the
build; after one new usage event lands, the next must build again (and see it).
"""
import os
import subprocess
import sys

import duckdb

from conftest import PROJECT_DIR, load_landing_copy, query

SKIPPED = "daily_build: nothing arrived"


def daily_build(warehouse, landing_vars):
    env = dict(os.environ)
    env.update(
        DBT_PROFILES_DIR=str(PROJECT_DIR),
        ENGAGEMENT_TARGET="duckdb",
        ENGAGEMENT_DUCKDB_PATH=str(warehouse),
        ENGAGEMENT_DUCKDB_TEMP_DIR=str(warehouse.parent / "tmp"),
        DBT_SEND_ANONYMOUS_USAGE_STATS="false",
    )
    proc = subprocess.run(
        [sys.executable, str(PROJECT_DIR / "scripts" / "daily_build.py"),
         "--exclude-resource-type", "test", "unit_test", "--vars", landing_vars,
         "--target-path", str(warehouse.parent / "target"), "--log-path", str(warehouse.parent / "logs")],
        cwd=PROJECT_DIR, env=env, capture_output=True, text=True,
    )
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]
    return proc.stdout


def latest_usage_event(warehouse):
    return query(warehouse, "select max(occurred_at) from main_staging.stg_product__usage_events")[0][0]


def test_a_day_without_new_data_is_skipped_and_a_new_row_builds(tmp_path):
    warehouse = tmp_path / "daily.duckdb"
    landing_vars = load_landing_copy(warehouse)

    first = daily_build(warehouse, landing_vars)
    assert SKIPPED not in first, "the first run has no fingerprint yet: it must build"
    assert query(warehouse, "select count(*) from main_state.raw_input_fingerprints")[0][0] == 1
    latest = latest_usage_event(warehouse)

    again = daily_build(warehouse, landing_vars)
    assert SKIPPED in again, "nothing arrived, yet the daily run built:\n" + again[-2000:]

    con = duckdb.connect(str(warehouse))
    try:
        con.execute("""
            insert into landing_product.usage_events (event_id, account_id, user_id, event_type, feature_name,
                                                      occurred_at)
            select 'EVT-DAILY-NEW', account_id, user_id, event_type, feature_name,
                   cast(cast(occurred_at as timestamp) + interval 1 hour as varchar)
            from landing_product.usage_events
            where event_id = (select max(event_id) from landing_product.usage_events
                              where try_cast(occurred_at as timestamp) = (
                                  select max(try_cast(occurred_at as timestamp)) from landing_product.usage_events
                                  where try_cast(occurred_at as timestamp) < timestamp '2027-01-01'))
        """)
    finally:
        con.close()
    after_arrival = daily_build(warehouse, landing_vars)
    assert SKIPPED not in after_arrival, "a new usage event landed, yet the daily run skipped the build"
    assert latest_usage_event(warehouse) > latest, "the build did not stage the new event"

    assert SKIPPED in daily_build(warehouse, landing_vars), "the new fingerprint was not stored"
