#!/usr/bin/env bash
# Starts the engagement dashboard (dashboard/app.py, Streamlit) on 127.0.0.1 only,
# reading the published marts that scripts/build_demo.sh writes. Ctrl-C stops it.
#   ENGAGEMENT_DASHBOARD_PORT  port (default 8501)
#   ENGAGEMENT_PUBLISHED_PATH  the published copy (default warehouse/published/engagement.duckdb)
export ENGAGEMENT_EXTRAS="dashboard"  # streamlit (pyproject.toml)
source "$(dirname "$0")/_env.sh"
port="${ENGAGEMENT_DASHBOARD_PORT:-8501}"
echo "==> dashboard on http://127.0.0.1:$port (Ctrl-C stops it)"
exec streamlit run dashboard/app.py \
    --server.address 127.0.0.1 --server.port "$port" --server.headless true \
    --browser.gatherUsageStats false --global.developmentMode false --client.toolbarMode minimal "$@"
