#!/usr/bin/env bash
# Load benchmark of the workshop server, on loopback only, bounded in time: a release server
# and the release load generator (crates/server/src/bin/fresque_load.rs). For each size it
# prints the clients held, moves per second, move → table latency (p50/p99) and the server's
# memory and CPU. Each size runs with rooms in memory only (`--memory`) and with the embedded
# store (`--data`, the default), where a move is sent on once it is on disk. Figures go to
# docs/performance.md.
#
#   bash scripts/bench-server.sh                 # 300, 600 and 1,200 clients, 60 s each
#   SIZES="50" SECONDS_EACH=20 bash scripts/bench-server.sh   # 50 rooms only, 20 s
#   STORES="disk" bash scripts/bench-server.sh   # the embedded store only
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/fresque/target}"
sizes="${SIZES:-12 25 50}"          # rooms of 6 tables × 4 players: 288, 600, 1,200 clients
seconds="${SECONDS_EACH:-60}"
port="${PORT:-18090}"
stores="${STORES:-memory disk}"

cargo build --locked --release -p fresque-server --bins
bin="$CARGO_TARGET_DIR/release"
site=$(mktemp -d)
trap 'kill "${server:-}" 2>/dev/null || true; rm -rf "$site"' EXIT
mkdir -p "$site/assets"
cp -r assets/decks "$site/assets/"
echo '<!doctype html><title>bench</title>' > "$site/index.html"
ulimit -n 20000 2>/dev/null || ulimit -n "$(ulimit -Hn)"

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(date -u +%Y-%m-%d)"
for rooms in $sizes; do
  for store in $stores; do
    if [ "$store" = memory ]; then
      keep=(--memory)
    else
      rm -rf "$site/data"
      keep=(--data "$site/data")
    fi
    "$bin/fresque-server" --site "$site" --port "$port" --joins-per-minute 1000000 "${keep[@]}" > "$site/server.log" 2>&1 &
    server=$!
    for _ in $(seq 50); do grep -q Serving "$site/server.log" && break; sleep 0.1; done
    echo
    echo "== $rooms rooms × 6 tables × 4 players, every ~3 s, ${seconds} s, rooms in $store =="
    "$bin/fresque-load" --url "ws://127.0.0.1:$port/ws" --site "$site" --rooms "$rooms" \
      --tables 6 --players 4 --seconds "$seconds" --every-ms 3000 --pid "$server"
    if [ "$store" = disk ]; then
      echo "store file: $(du -k "$site/data/rooms.redb" | cut -f1) KiB"
    fi
    kill "$server"; wait "$server" 2>/dev/null || true
  done
done
