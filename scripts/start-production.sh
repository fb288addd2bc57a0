#!/usr/bin/env bash
# Starts the portal as in production: the backend built by backstage-cli (its bundle includes
# the built frontend, which the backend serves), run with NODE_ENV=production, so error
# responses carry no stack traces or source paths (development mode adds them).
#
#   --config FILE       config files (repeatable; default app-config.yaml + app-config.production.yaml);
#                       relative paths are taken from the caller's folder, then the repository root
#   --no-build          reuse the last build (packages/backend/dist/bundle.tar.gz)
#   PORTAL_PRODUCTION_DIR  where the bundle is unpacked (default .tools/production)
#
# app-config.production.yaml reads APP_BASE_URL, BACKEND_BASE_URL, BACKEND_SECRET and
# POSTGRES_HOST/PORT/USER/PASSWORD from the environment.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
caller="${RUN_CALLER_DIR:-$root}"
out="${PORTAL_PRODUCTION_DIR:-$root/.tools/production}"
build=1
configs=()

die() {
  echo "error: $*" >&2
  exit 2
}

config_path() {
  local path="$1"
  case "$path" in
    /*) ;;
    *) if [ -f "$caller/$path" ]; then path="$caller/$path"; else path="$root/$path"; fi ;;
  esac
  [ -f "$path" ] || die "config file \"$1\" does not exist (looked for $path)"
  echo "$path"
}

while [ $# -gt 0 ]; do
  case "$1" in
    --config | -c) [ $# -ge 2 ] || die "$1 needs a file"; configs+=("$(config_path "$2")"); shift 2 ;;
    --config=*) configs+=("$(config_path "${1#*=}")"); shift ;;
    --no-build) build=0; shift ;;
    *) die "unknown option $1 (see the top of scripts/start-production.sh)" ;;
  esac
done
[ ${#configs[@]} -gt 0 ] || configs=("$root/app-config.yaml" "$root/app-config.production.yaml")

# shellcheck source=scripts/toolchain.sh
source "$root/scripts/toolchain.sh"

if [ "$build" = 1 ] || [ ! -f packages/backend/dist/bundle.tar.gz ]; then
  echo "[production] building the backend and the frontend (backstage-cli package build)" >&2
  (cd packages/backend && yarn backstage-cli package build)
fi

echo "[production] unpacking the bundle into ${out#$root/}" >&2
rm -rf "$out" && mkdir -p "$out"
tar xzf packages/backend/dist/skeleton.tar.gz -C "$out"
tar xzf packages/backend/dist/bundle.tar.gz -C "$out"

# The bundle's workspace packages are the built ones (dist); every other dependency is the
# repository's installed one (no registry access needed at start).
node - "$root" "$out" <<'JS'
const fs = require('fs');
const path = require('path');
const [root, out] = process.argv.slice(2);
const workspace = new Map();
for (const dir of ['packages', 'plugins'])
  for (const name of fs.readdirSync(path.join(out, dir))) {
    const pkg = path.join(out, dir, name, 'package.json');
    if (fs.existsSync(pkg))
      workspace.set(require(pkg).name, path.dirname(pkg));
  }
const link = (name, target) => {
  const at = path.join(out, 'node_modules', name);
  fs.mkdirSync(path.dirname(at), { recursive: true });
  fs.symlinkSync(target, at);
};
const modules = path.join(root, 'node_modules');
for (const entry of fs.readdirSync(modules)) {
  const names = entry.startsWith('@')
    ? fs.readdirSync(path.join(modules, entry)).map(n => `${entry}/${n}`)
    : [entry];
  for (const name of names)
    if (!workspace.has(name)) link(name, path.join(modules, name));
}
for (const [name, dir] of workspace) link(name, dir);
JS
args=()
for c in "${configs[@]}"; do args+=(--config "$c"); done
echo "[production] NODE_ENV=production node packages/backend; config: ${configs[*]#$root/}" >&2
cd "$out"
NODE_ENV=production exec node packages/backend "${args[@]}"
