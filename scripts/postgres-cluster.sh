# Throwaway PostgreSQL 15 cluster for tests and benchmarks. Source this file, then call
# `start_postgres_cluster`: it installs PostgreSQL from Debian's packages when absent, starts
# a cluster on 127.0.0.1 as an unprivileged user, exports GENTA_TEST_DATABASE_URL, and stops
# and deletes the cluster when the calling shell exits.

pg_bindir() {
    local dir
    for dir in /usr/lib/postgresql/*/bin; do
        [ -x "$dir/initdb" ] && { echo "$dir"; return 0; }
    done
    return 1
}

install_postgres() {
    pg_bindir >/dev/null && return 0
    echo "scripts: installing PostgreSQL 15 from Debian's packages" >&2
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql-15 >/dev/null
}

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

start_postgres_cluster() {
    install_postgres
    local bindir runner=()
    bindir=$(pg_bindir)
    PG_CLUSTER_DIR=$(mktemp -d /tmp/genta-pg.XXXXXX)
    # initdb refuses to run as root: use the postgres system user the package created.
    if [ "$(id -u)" -eq 0 ]; then
        id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
        chown postgres "$PG_CLUSTER_DIR"
        runner=(runuser -u postgres --)
    fi
    PG_RUNNER=("${runner[@]}")
    PG_BINDIR=$bindir
    local port
    port=$(free_port)
    "${runner[@]}" "$bindir/initdb" -D "$PG_CLUSTER_DIR/data" -U genta --auth=trust \
        --encoding=UTF8 --locale=C.UTF-8 >"$PG_CLUSTER_DIR/initdb.log" 2>&1 \
        || { cat "$PG_CLUSTER_DIR/initdb.log" >&2; return 1; }
    # Durability is pointless for a throwaway test cluster; turning it off makes tests faster.
    # Benchmarks set GENTA_PG_DURABLE=1 to measure commits as production pays for them.
    local durability="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    [ "${GENTA_PG_DURABLE:-0}" = 1 ] && durability=""
    "${runner[@]}" "$bindir/pg_ctl" -D "$PG_CLUSTER_DIR/data" -l "$PG_CLUSTER_DIR/server.log" -w \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $PG_CLUSTER_DIR $durability \
            -c max_connections=200" start >/dev/null \
        || { cat "$PG_CLUSTER_DIR/server.log" >&2; return 1; }
    trap stop_postgres_cluster EXIT
    export GENTA_TEST_DATABASE_URL="postgres://genta@127.0.0.1:$port/postgres?sslmode=disable"
    echo "scripts: PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') running at $GENTA_TEST_DATABASE_URL" >&2
}

stop_postgres_cluster() {
    [ -n "${PG_CLUSTER_DIR:-}" ] || return 0
    "${PG_RUNNER[@]}" "$PG_BINDIR/pg_ctl" -D "$PG_CLUSTER_DIR/data" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$PG_CLUSTER_DIR"
    PG_CLUSTER_DIR=""
}
