#!/usr/bin/env bash
# Starts frontend (:3000) and backend (:7007) with the embedded defaults.
set -euo pipefail
cd "$(dirname "$0")/.."

port_in_use() {
  node -e '
    const s = require("net").createServer();
    s.once("error", () => process.exit(0));
    s.once("listening", () => s.close(() => process.exit(1)));
    s.listen(Number(process.argv[1]), "0.0.0.0");
  ' "$1"
}

for port in 3000 7007; do
  if port_in_use "$port"; then
    echo "error: port $port is already in use; stop whatever listens on it (e.g. 'lsof -i :$port' or 'ss -ltnp | grep :$port') and run ./run start again" >&2
    exit 1
  fi
done

mkdir -p .data/sqlite
exec yarn start "$@"
