#!/usr/bin/env bash
# Runs every test: sqlfluff lint, `dbt build` (data and unit tests) into a throwaway
# DuckDB warehouse, then pytest (which builds its own throwaway warehouses as it
# needs, and the demo on the other engines to compare them with DuckDB).
# Never touches warehouse/engagement.duckdb.
#
# Other engines (tests/python/test_cross_engine.py):
#   postgres  a throwaway server is started here (scripts/postgres_server.sh, which
#             installs PostgreSQL with apt-get when absent) and stopped at the end;
#             set ENGAGEMENT_POSTGRES_HOST to use a server of your own instead.
#   spark     runs inside dbt (pyspark, from the spark extra of pyproject.toml; needs Java 17), nothing to start.
# Reader-side tests: installs requirements-metricflow.txt (for `mf query`) and Debian's
# chromium (scripts/install_chromium.sh, apt-get; for the browser tests) when absent, and
# runs dbt-score on the manifest after the build (minimum score in pyproject.toml).
# PostgreSQL and chromium are set up in the background, beside the environment's install and the
# build; the lint runs in the background at low priority and reports after pytest.
# ENGAGEMENT_TEST_ENGINES (default "postgres spark") lists the engines to compare; set it
# to "" for a DuckDB-only run. Outside CI an engine that cannot start is skipped.
#
# Two tiers (CONTRIBUTING.md, "Test tiers"):
#   bash scripts/run_tests.sh           the full tier, what CI runs (.ci/run): everything above.
#   bash scripts/run_tests.sh --quick   the quick tier, for every change: lint, the DuckDB
#       `dbt build` with its data and unit tests, dbt-score, and the DuckDB pytest tests
#       not marked engines, browser or slow (tests/python/conftest.py, TIER_MARKERS). It
#       starts no other engine and installs neither chromium nor MetricFlow.
# Further arguments go to pytest (e.g. -k manager, -x).
quick=""
if [ "${1:-}" = "--quick" ]; then
    quick=1
    shift
fi
set -euo pipefail
cd "$(dirname "$0")/.."
# Each step says when it starts (seconds since the start), so every log shows what each costs.
phase() { echo "==> [$(( SECONDS / 60 ))m$(( SECONDS % 60 ))s] $*"; }
in_ci() { case "${CI:-}" in 1|true|TRUE|True|yes) return 0 ;; *) return 1 ;; esac; }

if [ -n "$quick" ]; then
    export ENGAGEMENT_TEST_ENGINES=""
else
    export ENGAGEMENT_TEST_ENGINES="${ENGAGEMENT_TEST_ENGINES-postgres spark}"
fi

scratch="$(mktemp -d)"
setup_pid=""
lint_pid=""
our_postgres=""
cleanup() {
    if [ -n "$setup_pid" ]; then
        wait "$setup_pid" 2>/dev/null || true
    fi
    if [ -n "$lint_pid" ]; then  # a step before pytest failed: the lint's result is not wanted
        kill -- -"$lint_pid" 2>/dev/null || true
        wait "$lint_pid" 2>/dev/null || true
    fi
    if [ -n "$our_postgres" ]; then
        bash scripts/postgres_server.sh stop || true
    fi
    rm -rf "$scratch"
}
trap cleanup EXIT

# The machine's set-up for the full tier, in the background: a throwaway PostgreSQL (installed
# with apt-get when absent) and Debian's chromium for the browser tests (Playwright drives it).
# Both wait on downloads and dpkg, not on the CPU, so they run beside the environment's
# install, the lint and the DuckDB build; pytest waits for them (below). One job: both use apt-get.
if [[ " $ENGAGEMENT_TEST_ENGINES " == *" postgres "* ]] && [ -z "${ENGAGEMENT_POSTGRES_HOST:-}" ]; then
    # a free port, so a PostgreSQL already running here is left alone
    # (the system's Python: the environment is not created yet)
    export ENGAGEMENT_POSTGRES_PORT="${ENGAGEMENT_POSTGRES_PORT:-$("$(command -v python3.11 || command -v python3)" -c \
        'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}"
    our_postgres=1
fi
system_setup() {
    if [ -n "$our_postgres" ]; then
        echo "==> throwaway PostgreSQL for the cross-engine test"
        bash scripts/postgres_server.sh start || touch "$scratch/failed_postgres"
    fi
    if [ -z "$quick" ]; then
        bash scripts/install_chromium.sh || touch "$scratch/failed_chromium"
    fi
}
if [ -n "$our_postgres" ] || [ -z "$quick" ]; then
    phase "PostgreSQL and chromium, in the background (log shown before pytest)"
    system_setup > "$scratch/system_setup.log" 2>&1 &
    setup_pid=$!
fi

# Both tiers install the `dev` extra (pyproject.toml: the tests, lint and every other extra):
# one environment for both, so switching tiers never reinstalls.
export ENGAGEMENT_EXTRAS="dev"
source scripts/_env.sh

if [ -z "$quick" ]; then
    # The optional semantic-layer CLI (requirements-metricflow.txt; it changes no pin of
    # pyproject.toml), so tests/python/test_semantic_layer.py runs its `mf query` test.
    mf_want="$(sha1sum requirements-metricflow.txt | cut -d' ' -f1)"
    if [ "$(cat "$VENV/.requirements-metricflow.sha" 2>/dev/null)" != "$mf_want" ]; then
        echo "==> installing requirements-metricflow.txt"
        python -m pip install --quiet --disable-pip-version-check --no-compile -e ".[$ENGAGEMENT_EXTRAS]" -r requirements-metricflow.txt
        echo "$mf_want" > "$VENV/.requirements-metricflow.sha"
    fi
fi

# The lint (about 140 CPU seconds) runs in the background at the lowest priority, its result
# shown after pytest's: first and in series it held both cores for 80-90 s before anything else
# started. At nice 19 it takes the CPU the build and pytest leave idle (the build's serial
# stretches, pytest's last minutes) and gives way to them otherwise.
phase "sqlfluff lint, in the background (its result after pytest's)"
# (setsid: a process group of its own, so the cleanup stops its worker processes too)
setsid nice -n 19 sqlfluff lint models macros tests --processes 2 > "$scratch/lint.log" 2>&1 &
lint_pid=$!

phase "dbt build into a throwaway warehouse"
export ENGAGEMENT_DUCKDB_PATH="$scratch/test.duckdb"
export ENGAGEMENT_DUCKDB_TEMP_DIR="$scratch/tmp"
ENGAGEMENT_TARGET=duckdb dbt build --target-path "$scratch/target"

phase "dbt-score (metadata quality; minimum project score in pyproject.toml)"
dbt-score lint --manifest "$scratch/target/manifest.json" --show failing-items

if [ -n "$setup_pid" ]; then
    phase "waiting for the background set-up"
    wait "$setup_pid" || true
    setup_pid=""
    cat "$scratch/system_setup.log"
    if [ -f "$scratch/failed_postgres" ]; then
        our_postgres=""
        if in_ci; then
            echo "PostgreSQL did not start, and CI needs it" >&2
            exit 1
        fi
        echo "==> PostgreSQL did not start: the Postgres comparison will be skipped"
    fi
    if [ -f "$scratch/failed_chromium" ]; then
        if in_ci; then
            echo "chromium could not be installed, and CI needs it for the browser tests" >&2
            exit 1
        fi
        echo "==> chromium could not be installed: the browser tests will be skipped"
    fi
fi

phase "pytest"
# The pytest suite reuses the warehouse just built for its read-only checks.
export ENGAGEMENT_TEST_WAREHOUSE="$ENGAGEMENT_DUCKDB_PATH"
# Two pytest-xdist workers (ENGAGEMENT_TEST_WORKERS; 0 runs in one process): the Spark and
# Postgres builds run beside the DuckDB tests. tests/python/conftest.py groups the tests that
# share a build (--dist loadgroup) and hands out the longest groups first
# (--no-loadscope-reorder keeps that order). --durations: what each part costs, in the log.
workers="${ENGAGEMENT_TEST_WORKERS:-2}"
parallel=()
if [ "$workers" != "0" ]; then
    parallel=(-n "$workers" --dist loadgroup --no-loadscope-reorder)
fi
tier=()
if [ -n "$quick" ]; then
    tier=(-m "not engines and not browser and not slow")  # conftest.QUICK_TIER
fi
status=0
python -m pytest tests/python -q "${parallel[@]}" "${tier[@]}" --durations=30 "$@" || status=$?
phase "pytest exit status $status; the lint's result"
lint_status=0
wait "$lint_pid" || lint_status=$?
lint_pid=""
cat "$scratch/lint.log"
phase "done (pytest exit status $status, sqlfluff lint exit status $lint_status)"
if [ "$status" -eq 0 ]; then
    status=$lint_status
fi
exit $status
