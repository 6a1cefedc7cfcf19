#!/usr/bin/env bash
# Runs the whole test suite. Sets up what it needs on a fresh machine first:
# a PostgreSQL on 127.0.0.1:5432 (started if installed, installed with apt-get if missing)
# and a fresh test database.
set -euo pipefail
cd "$(dirname "$0")"

PG_HOST=127.0.0.1
PG_PORT=5432
TEST_DB=waymark_test

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

pg_ready() { pg_isready -q -h "$PG_HOST" -p "$PG_PORT" 2>/dev/null; }

ensure_postgres() {
  if command -v pg_isready >/dev/null && pg_ready; then return; fi
  if ! ls /etc/postgresql/*/main >/dev/null 2>&1; then
    echo "== installing PostgreSQL"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq postgresql >/dev/null
  fi
  local version
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  # Trust local TCP connections for the test user, as the tests connect without a password.
  local hba="/etc/postgresql/$version/main/pg_hba.conf"
  if ! as_root grep -q "waymark-tests" "$hba"; then
    as_root sed -i '1i host all all 127.0.0.1/32 trust # waymark-tests\nhost all all ::1/128 trust # waymark-tests' "$hba"
  fi
  echo "== starting PostgreSQL $version"
  as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start 2>/dev/null \
    || as_root pg_ctlcluster "$version" main start 2>/dev/null \
    || as_root pg_ctlcluster "$version" main reload
  for _ in $(seq 1 30); do pg_ready && return; sleep 1; done
  echo "PostgreSQL did not come up on $PG_HOST:$PG_PORT" >&2
  exit 1
}

# A fresh test database for every run: tests make their own data, and a database left by another checkout (with
# migrations this one does not have) can never fail a run.
ensure_database() {
  echo "== creating a fresh database $TEST_DB"
  psql -h "$PG_HOST" -p "$PG_PORT" -U postgres -qc "DROP DATABASE IF EXISTS $TEST_DB WITH (FORCE)"
  psql -h "$PG_HOST" -p "$PG_PORT" -U postgres -qc "CREATE DATABASE $TEST_DB"
}

# The console's browser test drives Debian's Chromium; Playwright never downloads a browser of its own.
ensure_chromium() {
  if [ -x /usr/bin/chromium ]; then return; fi
  echo "== installing Chromium"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq chromium >/dev/null
}

ensure_postgres
ensure_database
ensure_chromium
exec ./mvnw -B -ntp verify "$@"
