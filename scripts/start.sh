#!/usr/bin/env bash
# Starts frontend and backend in development mode with the embedded defaults
# (http://localhost:3000, backend :7007, SQLite in .data/sqlite).
#
#   --app-port N / PORTAL_APP_PORT=N          frontend port (default 3000)
#   --backend-port N / PORTAL_BACKEND_PORT=N  backend port (default 7007)
#   --config FILE                             config files, as for backstage-cli; relative paths are
#                                             resolved against the caller's folder, then the repository root
#   PORTAL_DATA_DIR=DIR                       where the SQLite files live (default .data/sqlite)
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
caller="${RUN_CALLER_DIR:-$root}"

app_port="${PORTAL_APP_PORT:-3000}"
backend_port="${PORTAL_BACKEND_PORT:-7007}"
data_dir="${PORTAL_DATA_DIR:-$root/.data/sqlite}"
configs=()
passthrough=()

die() {
  echo "error: $*" >&2
  exit 2
}

config_path() {
  local path="$1"
  case "$path" in
    /*) ;;
    *)
      if [ -f "$caller/$path" ]; then
        path="$caller/$path"
      else
        path="$root/$path"
      fi
      ;;
  esac
  [ -f "$path" ] || die "config file \"$1\" does not exist (looked for $path)"
  echo "$path"
}

while [ $# -gt 0 ]; do
  case "$1" in
    --app-port) [ $# -ge 2 ] || die "--app-port needs a port number"; app_port="$2"; shift 2 ;;
    --app-port=*) app_port="${1#*=}"; shift ;;
    --backend-port) [ $# -ge 2 ] || die "--backend-port needs a port number"; backend_port="$2"; shift 2 ;;
    --backend-port=*) backend_port="${1#*=}"; shift ;;
    --config | -c) [ $# -ge 2 ] || die "$1 needs a file"; configs+=("$(config_path "$2")"); shift 2 ;;
    --config=*) configs+=("$(config_path "${1#*=}")"); shift ;;
    *) passthrough+=("$1"); shift ;;
  esac
done

for p in "$app_port" "$backend_port"; do
  [[ "$p" =~ ^[0-9]+$ ]] && [ "$p" -ge 1 ] && [ "$p" -le 65535 ] || die "\"$p\" is not a port number (1-65535)"
done
[ "$app_port" != "$backend_port" ] || die "the frontend and the backend need two different ports (both are $app_port)"

port_in_use() {
  node -e '
    const s = require("net").createServer();
    s.once("error", () => process.exit(0));
    s.once("listening", () => s.close(() => process.exit(1)));
    s.listen(Number(process.argv[1]), "0.0.0.0");
  ' "$1"
}

for port in "$app_port" "$backend_port"; do
  if port_in_use "$port"; then
    echo "error: port $port is already in use; stop whatever listens on it (e.g. 'ss -ltnp | grep :$port')" \
      "or choose other ports: ./run start --app-port N --backend-port N" >&2
    exit 1
  fi
done

# Without --config, backstage-cli reads app-config.yaml and app-config.local.yaml.
if [ ${#configs[@]} -eq 0 ]; then
  configs=("$root/app-config.yaml")
  [ -f "$root/app-config.local.yaml" ] && configs+=("$root/app-config.local.yaml")
fi

# The ports and the data folder go last, so they win over the files above. One file per port
# pair: backstage-cli watches its config files, so a shared one would move a running portal
# onto the ports and data of the next portal started from this checkout.
mkdir -p "$data_dir" "$root/.data"
overlay="$root/.data/start-$app_port-$backend_port.app-config.yaml"
cat > "$overlay" <<YAML
# Written by scripts/start.sh on every start; do not edit.
app:
  baseUrl: http://localhost:$app_port
backend:
  baseUrl: http://localhost:$backend_port
  listen:
    port: $backend_port
  cors:
    origin: http://localhost:$app_port
YAML
if grep -q "client: better-sqlite3" "${configs[@]}" && ! grep -q "client: pg" "${configs[@]}"; then
  printf '  database:\n    connection:\n      directory: %s\n' "$data_dir" >> "$overlay"
fi
configs+=("$overlay")

args=()
for c in "${configs[@]}"; do args+=(--config "$c"); done
echo "[start] frontend http://localhost:$app_port, backend http://localhost:$backend_port; config: ${configs[*]#$root/}" >&2
exec yarn start "${args[@]}" ${passthrough[@]+"${passthrough[@]}"}
