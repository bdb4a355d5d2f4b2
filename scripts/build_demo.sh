#!/usr/bin/env bash
# Builds the demo warehouse: warehouse/engagement.duckdb (or $ENGAGEMENT_DUCKDB_PATH),
# or, with ENGAGEMENT_TARGET=postgres / spark, the demo on that engine (see README).
# Creates the virtual environment if needed (the core install: pip install -e ., see
# CONTRIBUTING.md), then runs `dbt build` (seeds, models, tests).
# Extra arguments go to dbt build, e.g. scripts/build_demo.sh --select staging
# On DuckDB, after a successful build it publishes the marts to the read-only copy
# readers use (`engagement publish`, scripts/publish.py: warehouse/published/engagement.duckdb)
# and writes the HTML report from it (`engagement report`, scripts/report.py:
# warehouse/report/engagement_report.html);
# ENGAGEMENT_REPORT=0 skips the report.
target="${ENGAGEMENT_TARGET:-duckdb}"
case "$target" in
    postgres | spark) export ENGAGEMENT_EXTRAS="$target" ;;  # that engine's dbt adapter (pyproject.toml)
esac
source "$(dirname "$0")/_env.sh"
case "$target" in
    duckdb)
        echo "==> dbt build into ${ENGAGEMENT_DUCKDB_PATH:-warehouse/engagement.duckdb}"
        dbt build "$@"
        echo "==> publishing the marts for readers"
        engagement publish
        if [ "${ENGAGEMENT_REPORT:-1}" != 0 ]; then
            echo "==> writing the report"
            engagement report
        fi
        echo "==> done. Readers (BI tools, queries) open the published copy, never the warehouse dbt writes:"
        echo "    .venv/bin/python -c \"import duckdb; duckdb.connect('$(python -c 'from engagement_tools import published_marts; print(published_marts.published_path())')', read_only=True)\""
        echo "    dashboard: bash scripts/dashboard.sh   (http://127.0.0.1:8501)"
        ;;
    *)
        echo "==> dbt build on the $target target"
        dbt build "$@"
        echo "==> done."
        ;;
esac
