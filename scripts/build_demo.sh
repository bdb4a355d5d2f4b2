#!/usr/bin/env bash
# Builds the demo warehouse: warehouse/engagement.duckdb (or $ENGAGEMENT_DUCKDB_PATH),
# or, with ENGAGEMENT_TARGET=postgres / spark, the demo on that engine (see README).
# Creates the virtual environment if needed, then runs `dbt build` (seeds, models, tests).
# Extra arguments go to dbt build, e.g. scripts/build_demo.sh --select staging
source "$(dirname "$0")/_env.sh"
target="${ENGAGEMENT_TARGET:-duckdb}"
case "$target" in
    duckdb)
        echo "==> dbt build into ${ENGAGEMENT_DUCKDB_PATH:-warehouse/engagement.duckdb}"
        dbt build "$@"
        echo "==> done. Open the warehouse with: .venv/bin/python -c \"import duckdb; duckdb.connect('${ENGAGEMENT_DUCKDB_PATH:-warehouse/engagement.duckdb}', read_only=True)\""
        ;;
    *)
        echo "==> dbt build on the $target target"
        dbt build "$@"
        echo "==> done."
        ;;
esac
