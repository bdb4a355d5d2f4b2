#!/usr/bin/env bash
# A throwaway PostgreSQL server for tests and local runs of the `postgres` target.
#
#   bash scripts/postgres_server.sh start    # install if absent, initdb, start, create the database
#   bash scripts/postgres_server.sh stop     # stop it and delete its data directory
#   bash scripts/postgres_server.sh status
#
# Installs PostgreSQL from the Debian packages (apt-get install postgresql) when
# no server binaries are found. The server listens on 127.0.0.1 only, keeps its
# data under a temporary folder and trusts local connections: it is for tests,
# never for real data. Run as root, the server runs as the `postgres` system user.
#
# Settings (the same variables the `postgres` target of profiles.yml reads):
#   ENGAGEMENT_POSTGRES_PORT    default 5432
#   ENGAGEMENT_POSTGRES_USER    default postgres (the superuser initdb creates)
#   ENGAGEMENT_POSTGRES_DBNAME  default engagement
#   ENGAGEMENT_POSTGRES_DIR     data folder, default ${TMPDIR:-/tmp}/engagement-postgres-<port>
set -euo pipefail

PORT="${ENGAGEMENT_POSTGRES_PORT:-5432}"
DB_USER="${ENGAGEMENT_POSTGRES_USER:-postgres}"
DB_NAME="${ENGAGEMENT_POSTGRES_DBNAME:-engagement}"
BASE_DIR="${ENGAGEMENT_POSTGRES_DIR:-${TMPDIR:-/tmp}/engagement-postgres-$PORT}"
DATA_DIR="$BASE_DIR/data"
SOCKET_DIR="$BASE_DIR/socket"
LOG_FILE="$BASE_DIR/server.log"

usage() {
    sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'
}

find_bin_dir() {
    local dir
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
            echo "$dir"
            return 0
        fi
    done
    if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
        dirname "$(command -v initdb)"
        return 0
    fi
    return 1
}

as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo -n "$@"
    else
        echo "postgres_server.sh: need root (or sudo) to run: $*" >&2
        return 1
    fi
}

install_postgres() {
    echo "==> installing PostgreSQL from the Debian packages"
    # Only the binaries are wanted: no default cluster on port 5432 beside ours.
    if [ ! -e /etc/postgresql-common/createcluster.conf ]; then
        as_root mkdir -p /etc/postgresql-common
        echo "create_main_cluster = false" | as_root tee /etc/postgresql-common/createcluster.conf >/dev/null
    fi
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
}

# Runs a server binary as the server's owner: `postgres` when we are root.
as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

is_running() {
    [ -f "$DATA_DIR/postmaster.pid" ] && as_owner "$BIN_DIR/pg_ctl" -D "$DATA_DIR" status >/dev/null 2>&1
}

start() {
    if ! BIN_DIR="$(find_bin_dir)"; then
        install_postgres
        BIN_DIR="$(find_bin_dir)" || { echo "postgres_server.sh: PostgreSQL binaries not found after install" >&2; exit 1; }
    fi
    if is_running; then
        echo "==> PostgreSQL already running on 127.0.0.1:$PORT (data in $DATA_DIR)"
    else
        rm -rf "$BASE_DIR"
        mkdir -p "$DATA_DIR" "$SOCKET_DIR"
        if [ "$(id -u)" -eq 0 ]; then
            chown -R postgres: "$BASE_DIR"
        fi
        chmod 700 "$DATA_DIR"
        echo "==> initdb in $DATA_DIR"
        as_owner "$BIN_DIR/initdb" -D "$DATA_DIR" -U "$DB_USER" --auth=trust --encoding=UTF8 \
            --locale=C --no-sync >/dev/null
        echo "==> starting PostgreSQL on 127.0.0.1:$PORT"
        # fsync off: a throwaway test server, durability does not matter, speed does.
        as_owner "$BIN_DIR/pg_ctl" -D "$DATA_DIR" -l "$LOG_FILE" -w -t 60 \
            -o "-c listen_addresses=127.0.0.1 -p $PORT -k $SOCKET_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
            start >/dev/null || { cat "$LOG_FILE" >&2; exit 1; }
    fi
    if ! "$BIN_DIR/psql" -h 127.0.0.1 -p "$PORT" -U "$DB_USER" -d postgres -tAc \
            "select 1 from pg_database where datname = '$DB_NAME'" | grep -q 1; then
        "$BIN_DIR/createdb" -h 127.0.0.1 -p "$PORT" -U "$DB_USER" "$DB_NAME"
    fi
    echo "==> PostgreSQL ready: postgresql://$DB_USER@127.0.0.1:$PORT/$DB_NAME"
}

stop() {
    if BIN_DIR="$(find_bin_dir)" && is_running; then
        echo "==> stopping PostgreSQL on 127.0.0.1:$PORT"
        as_owner "$BIN_DIR/pg_ctl" -D "$DATA_DIR" -m fast -w stop >/dev/null
    fi
    rm -rf "$BASE_DIR"
}

status() {
    if BIN_DIR="$(find_bin_dir)" && is_running; then
        echo "running on 127.0.0.1:$PORT (data in $DATA_DIR)"
    else
        echo "not running"
        return 3
    fi
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    status) status ;;
    -h|--help|help) usage ;;
    *) usage >&2; exit 2 ;;
esac
