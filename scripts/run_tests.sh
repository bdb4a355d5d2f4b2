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
# Both tiers install the `dev` extra (pyproject.toml: the tests, lint and every other extra):
# one environment for both, so switching tiers never reinstalls.
export ENGAGEMENT_EXTRAS="dev"
source "$(dirname "$0")/_env.sh"
# Each step says when it starts (seconds since the start), so every log shows what each costs.
phase() { echo "==> [$(( SECONDS / 60 ))m$(( SECONDS % 60 ))s] $*"; }

scratch="$(mktemp -d)"
started_postgres=""
cleanup() {
    if [ -n "$started_postgres" ]; then
        bash scripts/postgres_server.sh stop || true
    fi
    rm -rf "$scratch"
}
trap cleanup EXIT

if [ -n "$quick" ]; then
    export ENGAGEMENT_TEST_ENGINES=""
else
    export ENGAGEMENT_TEST_ENGINES="${ENGAGEMENT_TEST_ENGINES-postgres spark}"
fi
in_ci() { case "${CI:-}" in 1|true|TRUE|True|yes) return 0 ;; *) return 1 ;; esac; }

if [[ " $ENGAGEMENT_TEST_ENGINES " == *" postgres "* ]] && [ -z "${ENGAGEMENT_POSTGRES_HOST:-}" ]; then
    echo "==> throwaway PostgreSQL for the cross-engine test"
    # a free port, so a PostgreSQL already running here is left alone
    export ENGAGEMENT_POSTGRES_PORT="${ENGAGEMENT_POSTGRES_PORT:-$(python -c \
        'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}"
    if bash scripts/postgres_server.sh start; then
        started_postgres=1
    elif in_ci; then
        echo "PostgreSQL did not start, and CI needs it" >&2
        exit 1
    else
        echo "==> PostgreSQL did not start: the Postgres comparison will be skipped"
    fi
fi

if [ -z "$quick" ]; then
    # The optional semantic-layer CLI (requirements-metricflow.txt; it changes no pin of
    # pyproject.toml), so tests/python/test_semantic_layer.py runs its `mf query` test.
    mf_want="$(sha1sum requirements-metricflow.txt | cut -d' ' -f1)"
    if [ "$(cat "$VENV/.requirements-metricflow.sha" 2>/dev/null)" != "$mf_want" ]; then
        echo "==> installing requirements-metricflow.txt"
        python -m pip install --quiet --disable-pip-version-check -e ".[$ENGAGEMENT_EXTRAS]" -r requirements-metricflow.txt
        echo "$mf_want" > "$VENV/.requirements-metricflow.sha"
    fi

    # Debian's chromium for the browser tests (report screenshot, dashboard); Playwright drives it.
    if ! bash scripts/install_chromium.sh; then
        if in_ci; then
            echo "chromium could not be installed, and CI needs it for the browser tests" >&2
            exit 1
        fi
        echo "==> chromium could not be installed: the browser tests will be skipped"
    fi
fi

phase "sqlfluff lint"
sqlfluff lint models macros tests --processes 2

phase "dbt build into a throwaway warehouse"
export ENGAGEMENT_DUCKDB_PATH="$scratch/test.duckdb"
export ENGAGEMENT_DUCKDB_TEMP_DIR="$scratch/tmp"
ENGAGEMENT_TARGET=duckdb dbt build --target-path "$scratch/target"

phase "dbt-score (metadata quality; minimum project score in pyproject.toml)"
dbt-score lint --manifest "$scratch/target/manifest.json" --show failing-items

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
phase "done (pytest exit status $status)"
exit $status
