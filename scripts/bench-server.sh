#!/usr/bin/env bash
# Load benchmark of the workshop server, on loopback only, bounded in time: release servers
# and the release load generator (crates/server/src/bin/fresque_load/). For each size it
# prints the clients held, moves per second, move → table latency (p50/p99) and each server's
# memory and CPU, for each way of keeping rooms:
#   memory  one server, rooms in memory only (`--memory`);
#   disk    one server with the embedded store (`--data`, the default): a move is sent on once
#           it is on disk;
#   redis   two servers sharing rooms through one Redis (append-only file, fsync at every
#           write), the players of each table spread over both;
#   failover  the same two servers, one killed with `kill -9` half-way: how long its players
#           take to sit again through the other one.
# Figures go to docs/performance.md.
#
#   bash scripts/bench-server.sh                 # 300, 600 and 1,200 clients, 60 s each
#   SIZES="50" SECONDS_EACH=20 bash scripts/bench-server.sh   # 50 rooms only, 20 s
#   STORES="disk redis" bash scripts/bench-server.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/fresque/target}"
sizes="${SIZES:-12 25 50}"          # rooms of 6 tables × 4 players: 288, 600, 1,200 clients
seconds="${SECONDS_EACH:-60}"
port="${PORT:-18090}"
stores="${STORES:-memory disk redis failover}"

if [[ " $stores " == *" redis "* || " $stores " == *" failover "* ]]; then
  bash scripts/setup.sh --pdf-tools >/dev/null   # installs redis-server when missing
fi
cargo build --locked --release -p fresque-server --bins
bin="$CARGO_TARGET_DIR/release"
site=$(mktemp -d)
pids=()
stop_all() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  pids=()
}
trap 'stop_all; rm -rf "$site"' EXIT
mkdir -p "$site/assets"
cp -r assets/decks "$site/assets/"
echo '<!doctype html><title>bench</title>' > "$site/index.html"
ulimit -n 20000 2>/dev/null || ulimit -n "$(ulimit -Hn)"

# Starts a fresque-server on port $1 with the remaining arguments; sets $started to its pid.
start_server() {
  local p="$1"; shift
  "$bin/fresque-server" --site "$site" --port "$p" --joins-per-minute 1000000 "$@" > "$site/server-$p.log" 2>&1 &
  started=$!
  pids+=("$started")
  for _ in $(seq 50); do grep -q Serving "$site/server-$p.log" && break; sleep 0.1; done
}

start_redis() {
  rm -rf "$site/redis"; mkdir -p "$site/redis"
  redis-server --port "$((port + 9))" --bind 127.0.0.1 --dir "$site/redis" --appendonly yes \
    --appendfsync always --save "" --daemonize no > "$site/redis.log" 2>&1 &
  pids+=("$!")
  redis_pid=$!
  for _ in $(seq 50); do grep -q "Ready to accept" "$site/redis.log" && break; sleep 0.1; done
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(date -u +%Y-%m-%d)"
for rooms in $sizes; do
  for store in $stores; do
    load=(--site "$site" --rooms "$rooms" --tables 6 --players 4 --seconds "$seconds" --every-ms 3000)
    echo
    echo "== $rooms rooms × 6 tables × 4 players, every ~3 s, ${seconds} s, rooms: $store =="
    case "$store" in
      memory)
        start_server "$port" --memory; s1=$started
        "$bin/fresque-load" --url "ws://127.0.0.1:$port/ws" --pid "$s1" "${load[@]}"
        ;;
      disk)
        rm -rf "$site/data"
        start_server "$port" --data "$site/data"; s1=$started
        "$bin/fresque-load" --url "ws://127.0.0.1:$port/ws" --pid "$s1" "${load[@]}"
        echo "store: $(du -kc "$site"/data/rooms.sqlite3* | tail -1 | cut -f1) KiB (database and its write-ahead log)"
        ;;
      redis|failover)
        start_redis
        url="redis://127.0.0.1:$((port + 9))/"
        start_server "$port" --redis "$url"; s1=$started
        start_server "$((port + 1))" --redis "$url"; s2=$started
        kill_args=()
        [ "$store" = failover ] && kill_args=(--kill "$s1" --kill-after "$((seconds / 2))")
        "$bin/fresque-load" --url "ws://127.0.0.1:$port/ws" --url "ws://127.0.0.1:$((port + 1))/ws" \
          --pid "$s1" --pid "$s2" "${kill_args[@]}" "${load[@]}"
        echo "redis: $(awk '/VmRSS/ {printf "%.1f MiB", $2/1024}' "/proc/$redis_pid/status") RSS, append-only file $(du -k "$site/redis/appendonlydir" | tail -1 | cut -f1) KiB"
        ;;
      *) echo "unknown store $store" >&2; exit 2 ;;
    esac
    stop_all
  done
done
