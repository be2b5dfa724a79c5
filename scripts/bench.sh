#!/usr/bin/env bash
# Prints the web build's figures beside those of a minimal Bevy app built the same way
# (same features, same web-release profile, same wasm-bindgen + wasm-opt):
# wasm size raw and gzip, bytes transferred to load the page, time from navigation to the
# first drawn frame ("ready") in headless Chromium, and CPU used over 10 s of idling.
#
#   bash scripts/bench.sh            # optimised builds (slow the first time)
#   bash scripts/bench.sh --dev      # the quicker web-dev builds
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:---release}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/fresque/target}"
bash scripts/setup.sh --test
sites="$CARGO_TARGET_DIR/bench-sites"
bash scripts/build-web.sh "$mode" --out "$sites/game" --bin fresque
bash scripts/build-web.sh "$mode" --out "$sites/minimal" --bin bevy-minimal

# The game again, with the Climate-Fresk-size test deck (42 cards, 126 links) in its manifest,
# for the "show solution" and panning figures.
rm -rf "$sites/big"
cp -r "$sites/game" "$sites/big"
cp tests/fixtures/decks/grande-fresque.fr.ron "$sites/big/assets/decks/"
rm -f "$sites/big/assets/decks/"*.gz "$sites/big/assets/decks/"*.br
python3 - "$sites/big/assets/decks/manifest.ron" <<'PY'
import sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
s = s.replace("decks: [", 'decks: [\n        "grande-fresque.fr.ron",', 1)
open(p, "w", encoding="utf-8").write(s)
PY

printf '<!doctype html><a href="game/">game</a> <a href="minimal/">minimal</a>\n' > "$sites/index.html"
SERVE_QUIET=1 python3 scripts/serve.py "$sites" --port 18280 > "$CARGO_TARGET_DIR/bench-serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 50); do grep -q Serving "$CARGO_TARGET_DIR/bench-serve.log" && break; sleep 0.2; done
url=$(grep -o 'http://[^ ]*' "$CARGO_TARGET_DIR/bench-serve.log")
node scripts/bench.mjs "$url" "$sites"
