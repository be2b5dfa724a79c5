#!/usr/bin/env bash
# Installs what is missing, builds the web game and the workshop server, and serves both on
# 127.0.0.1 (prints the URL): solo play and workshops, nothing else to start.
#
#   bash scripts/serve.sh            # optimised build (first time: long, see README)
#   bash scripts/serve.sh --dev      # quicker build for development
#   PORT=9000 bash scripts/serve.sh
#   HOST=0.0.0.0 bash scripts/serve.sh   # reachable from the local network (a classroom)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/fresque/target}"

profile=release
for arg in "$@"; do
  [ "$arg" = --dev ] && profile=dev
done
bash scripts/build-web.sh "$@" --out dist
printf '\033[1m[serve]\033[0m %s\n' "building the workshop server ($profile)"
if [ "$profile" = release ]; then
  cargo build --locked --release -p fresque-server
  server="$CARGO_TARGET_DIR/release/fresque-server"
else
  cargo build --locked -p fresque-server
  server="$CARGO_TARGET_DIR/debug/fresque-server"
fi
exec "$server" --site dist --host "${HOST:-127.0.0.1}" --port "${PORT:-8080}"
