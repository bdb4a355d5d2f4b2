# Shared set-up for the scripts: run from the project root inside the project's
# virtual environment, created when absent, with the project installed in it
# (pip install -e ., pyproject.toml) with the extras the calling script needs.
#   ENGAGEMENT_EXTRAS   extras beyond the core install, comma-separated, set by the
#                       script before sourcing this (run_tests.sh: dev; dashboard.sh: dashboard)
#   ENGAGEMENT_VENV     the virtual environment (default .venv in the project root)
# The install is skipped when a stamp in the venv says pyproject.toml is unchanged
# since an install that had (at least) these extras.
set -euo pipefail
PROJECT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$PROJECT_DIR"

PYTHON="${PYTHON:-python3.11}"
command -v "$PYTHON" >/dev/null 2>&1 || PYTHON=python3
VENV="${ENGAGEMENT_VENV:-$PROJECT_DIR/.venv}"
EXTRAS="${ENGAGEMENT_EXTRAS:-}"
# One line per install: "<sha1 of pyproject.toml> <extras> <project dir>"; the project dir,
# because an editable install points at one checkout.
STAMP="$VENV/.engagement-install"
want="$(sha1sum pyproject.toml | cut -d' ' -f1)"

installed_already() {
    local sha extras dir needed
    [ -f "$STAMP" ] || return 1
    while read -r sha extras dir; do
        [ "$sha" = "$want" ] && [ "$dir" = "$PROJECT_DIR" ] || continue
        for needed in ${EXTRAS//,/ }; do
            [[ ",$extras," == *",$needed,"* ]] || continue 2
        done
        return 0
    done < "$STAMP"
    return 1
}

if [ ! -x "$VENV/bin/python" ]; then
    echo "==> creating virtual environment in $VENV"
    "$PYTHON" -m venv "$VENV"
fi
if ! installed_already; then
    spec="."
    [ -z "$EXTRAS" ] || spec=".[$EXTRAS]"
    echo "==> installing the project and its pinned dependencies: pip install -e '$spec'"
    # --no-compile: pip would byte-compile every module of every package (pyspark's among them,
    # 20 CPU seconds of a 45-second install); Python compiles the ones a run imports, once.
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --no-compile -e "$spec"
    got="${EXTRAS:-core}"
    [[ ",$got," != *",dev,"* ]] || got="$got,dashboard,ml,postgres,spark"  # dev includes them (pyproject.toml)
    echo "$want $got $PROJECT_DIR" >> "$STAMP"
fi
export PATH="$VENV/bin:$PATH"
export DBT_PROFILES_DIR="$PROJECT_DIR"
export DBT_SEND_ANONYMOUS_USAGE_STATS=false
mkdir -p warehouse/tmp
