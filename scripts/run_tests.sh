#!/usr/bin/env bash
# Runs every test: sqlfluff lint, `dbt build` (data and unit tests) into a throwaway
# warehouse, then pytest (which builds its own throwaway warehouses as it needs).
# Never touches warehouse/engagement.duckdb.
source "$(dirname "$0")/_env.sh"

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

echo "==> sqlfluff lint"
sqlfluff lint models macros tests --processes 2

echo "==> dbt build into a throwaway warehouse"
export ENGAGEMENT_DUCKDB_PATH="$scratch/test.duckdb"
export ENGAGEMENT_DUCKDB_TEMP_DIR="$scratch/tmp"
dbt build --target-path "$scratch/target"

echo "==> pytest"
# The pytest suite reuses the warehouse just built for its read-only checks.
export ENGAGEMENT_TEST_WAREHOUSE="$ENGAGEMENT_DUCKDB_PATH"
python -m pytest tests/python -q "$@"
