#!/usr/bin/env bash
# Runs every test: formatting, lints, unit and integration tests (native), then the web build
# in headless Chromium. Installs what is missing first (idempotent).
#
#   bash scripts/test.sh             # everything
#   bash scripts/test.sh --no-web    # skip the web build and the browser tests
set -euo pipefail
cd "$(dirname "$0")/.."

web=true
for arg in "$@"; do
  case "$arg" in
    --no-web) web=false ;;
    *) echo "usage: $0 [--no-web]" >&2; exit 2 ;;
  esac
done

export PATH="$HOME/.cargo/bin:$PATH"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/fresque/target}"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
log() { printf '\n\033[1m[test]\033[0m %s (%s)\n' "$*" "$(date +%H:%M:%S)"; }
t0=$(date +%s)

if $web; then
  bash scripts/setup.sh --test
else
  bash scripts/setup.sh --pdf-tools
fi

log "cargo fmt --check"
cargo fmt --all --check

log "cargo clippy (all targets, warnings are errors)"
cargo clippy --locked --all-targets -- -D warnings

log "cargo test (unit + integration)"
cargo test --locked

log "deck-check on the shipped decks"
cargo run --locked --quiet --bin deck-check

if $web; then
  out="$CARGO_TARGET_DIR/e2e-site"
  log "web build (web-dev profile) into $out"
  bash scripts/build-web.sh --dev --out "$out"

  # A copy whose manifest also lists fixture decks (broken, missing, every kind, a big fresk).
  broken="$CARGO_TARGET_DIR/e2e-site-broken"
  bash scripts/fixture-site.sh "$out" "$broken"

  log "workshop server (debug build)"
  cargo build --locked --quiet -p fresque-server

  log "browser tests (Chromium, headless)"
  # The game and workshops from the workshop server (built by cargo test above); the fixture
  # site from a static server, as on a host without the workshop server.
  # Its rooms in a fresh data folder (the default one is the user's, kept across restarts).
  data="$CARGO_TARGET_DIR/e2e-workshop-data"
  rm -rf "$data"
  "$CARGO_TARGET_DIR/debug/fresque-server" --site "$out" --port 18080 --data "$data" > "$CARGO_TARGET_DIR/serve.log" 2>&1 &
  server=$!
  SERVE_QUIET=1 python3 scripts/serve.py "$broken" --port 18180 > "$CARGO_TARGET_DIR/serve-broken.log" 2>&1 &
  server_broken=$!
  trap 'kill $server $server_broken 2>/dev/null || true' EXIT
  for _ in $(seq 50); do
    grep -q Serving "$CARGO_TARGET_DIR/serve.log" && grep -q Serving "$CARGO_TARGET_DIR/serve-broken.log" && break
    sleep 0.2
  done
  url=$(grep -o 'http://[^ ]*' "$CARGO_TARGET_DIR/serve.log")
  broken_url=$(grep -o 'http://[^ ]*' "$CARGO_TARGET_DIR/serve-broken.log")
  echo "serving $url (game and workshops) and $broken_url (static)"
  BASE_URL="$url" FIXTURES_URL="$broken_url" SITE_DIR="$out" \
    SERVER_BIN="$CARGO_TARGET_DIR/debug/fresque-server" node --test --test-concurrency=1 tests/e2e/
  echo "screenshots: tests/e2e/out/"
fi

log "all tests passed in $(( $(date +%s) - t0 )) s"
