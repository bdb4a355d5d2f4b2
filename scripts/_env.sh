# Shared set-up for the scripts: run from the project root inside the project's
# virtual environment, created and filled from requirements.txt when absent or stale.
set -euo pipefail
PROJECT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$PROJECT_DIR"

PYTHON="${PYTHON:-python3.11}"
command -v "$PYTHON" >/dev/null 2>&1 || PYTHON=python3
VENV="$PROJECT_DIR/.venv"
STAMP="$VENV/.requirements.sha"
want="$(sha1sum requirements.txt | cut -d' ' -f1)"

if [ ! -x "$VENV/bin/python" ]; then
    echo "==> creating virtual environment in .venv"
    "$PYTHON" -m venv "$VENV"
fi
if [ "$(cat "$STAMP" 2>/dev/null)" != "$want" ]; then
    echo "==> installing pinned requirements"
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r requirements.txt
    echo "$want" > "$STAMP"
fi
export PATH="$VENV/bin:$PATH"
export DBT_PROFILES_DIR="$PROJECT_DIR"
export DBT_SEND_ANONYMOUS_USAGE_STATS=false
mkdir -p warehouse/tmp
