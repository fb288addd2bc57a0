#!/usr/bin/env bash
# Everything that must pass: type check, lint, unit and database tests (SQLite and
# PostgreSQL), and the Playwright end-to-end suite against the running portal in Chromium.
# Prints one summary line and exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."

skip_e2e=false
for arg in "$@"; do
  case "$arg" in
    --skip-e2e) skip_e2e=true ;;
  esac
done

rm -f .tools/jest-results.json .tools/playwright-results.json
results=()
failed=0
step() {
  local name="$1"
  shift
  echo
  echo "=== $name"
  local start=$SECONDS
  if "$@"; then
    results+=("ok    $name ($((SECONDS - start))s)")
  else
    results+=("FAIL  $name ($((SECONDS - start))s)")
    failed=$((failed + 1))
  fi
}

export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:-postgresql://postgres@127.0.0.1:5432}"

check_postgres() {
  node -e '
    const { Client } = require("pg");
    const c = new Client({ connectionString: process.argv[1] });
    c.connect().then(() => c.query("select version()")).then(r => { console.log(r.rows[0].version); return c.end(); })
      .catch(e => { console.error("PostgreSQL is not reachable at " + process.argv[1] + ": " + e.message); process.exit(1); });
  ' "$BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING"
}

ensure_chromium() {
  if [ -x /usr/bin/chromium ]; then return 0; fi
  echo "Installing Debian chromium for the end-to-end tests…"
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  fi
}

unit_tests() {
  # --json: the counts for the summary line.
  yarn backstage-cli repo test --ci --json --outputFile=.tools/jest-results.json
}

e2e_tests() {
  ensure_chromium || return 1
  yarn playwright test
}

step "PostgreSQL reachable (database tests need it)" check_postgres
step "type check (tsc)" yarn tsc
step "lint" yarn backstage-cli repo lint
step "unit and database tests (SQLite + PostgreSQL)" unit_tests
if [ "$skip_e2e" = false ]; then
  step "end-to-end tests (Playwright, Chromium)" e2e_tests
fi

echo
echo "=== summary"
printf '%s\n' "${results[@]}"
node scripts/summarize-tests.js "$failed"
