#!/usr/bin/env bash
# Everything that must pass: type check, format check, lint, unit and database tests (SQLite and
# PostgreSQL), and the Playwright end-to-end suite against a portal it starts itself in Chromium.
# Never waits for input (no watch mode, whether CI is set or not, a terminal or not).
# Prints one summary line and exits non-zero on any failure or on a stage that ran no test.
set -uo pipefail
cd "$(dirname "$0")/.."

skip_e2e=false
for arg in "$@"; do
  case "$arg" in
    --skip-e2e) skip_e2e=true ;;
    *) echo "usage: ./run test [--skip-e2e]" >&2; exit 2 ;;
  esac
done

mkdir -p .tools
rm -f .tools/jest-results.json .tools/playwright-results.json .tools/self-test.tap
results=()
failed=0
step() {
  local name="$1"
  shift
  echo
  echo "=== $name"
  local start=$SECONDS
  if "$@" < /dev/null; then
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

self_test() {
  # The summary's own rules (a stage that ran no test fails the run), with node's test runner.
  node --test --test-reporter=tap --test-reporter-destination=.tools/self-test.tap scripts/*.test.js
}

unit_tests() {
  # backstage-cli adds --watch when CI is unset in a git checkout; --no-watch keeps it a single
  # run. CI is unset here on purpose, so CI runs exactly what a developer's machine runs.
  # --json: the counts for the summary line.
  env -u CI yarn backstage-cli repo test --no-watch --ci --json --outputFile=.tools/jest-results.json
}

e2e_tests() {
  ensure_chromium || return 1
  # A portal of its own on free ports with fresh data, so a developer's running portal
  # (./run start on 3000/7007) neither blocks nor leaks into the test.
  local ports
  # The third port is the fake GitHub's (playwright.config.ts, e2e/app-config.e2e.yaml).
  ports="$(node scripts/freePorts.js 3)" || return 1
  read -r PORTAL_APP_PORT PORTAL_BACKEND_PORT FAKE_GITHUB_PORT <<< "$ports"
  export PORTAL_APP_PORT PORTAL_BACKEND_PORT FAKE_GITHUB_PORT
  export PORTAL_DATA_DIR="$PWD/.tools/e2e-data"
  rm -rf "$PORTAL_DATA_DIR"
  echo "portal for the e2e: frontend :$PORTAL_APP_PORT, backend :$PORTAL_BACKEND_PORT, fake GitHub :$FAKE_GITHUB_PORT"
  yarn playwright test --forbid-only --retries=1
}

step "PostgreSQL reachable (database tests need it)" check_postgres
step "test script self-test" self_test
step "type check (tsc)" yarn tsc
step "format (prettier --check)" yarn prettier --check --loglevel warn .
step "generated OpenAPI code up to date (router and types)" node plugins/compliance-backend/scripts/generate-openapi.js --check
step "lint" yarn backstage-cli repo lint
step "unit and database tests (SQLite + PostgreSQL)" unit_tests
stages=jest
if [ "$skip_e2e" = false ]; then
  step "end-to-end tests (Playwright, Chromium)" e2e_tests
  stages=jest,playwright
fi

echo
echo "=== summary"
printf '%s\n' "${results[@]}"
node scripts/summarize-tests.js "$failed" "$stages"
