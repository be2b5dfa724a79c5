#!/usr/bin/env bash
# Builds the static web site of the game into a folder (default: dist/) that any static web
# server can host: index.html, fresque.js, fresque_bg.wasm, assets/ and build-info.json, plus
# .gz copies for servers that send precompressed files, and print/ (a PDF of each deck's cards).
#
#   bash scripts/build-web.sh                 # optimised build (web-release profile + wasm-opt)
#   bash scripts/build-web.sh --dev           # quicker build, bigger and slower (used by the tests)
#   bash scripts/build-web.sh --out DIR       # write somewhere else
#   bash scripts/build-web.sh --bin NAME      # another binary (the benchmark's bevy-minimal)
set -euo pipefail
cd "$(dirname "$0")/.."

profile=web-release
out=dist
bin=fresque
while [ $# -gt 0 ]; do
  case "$1" in
    --dev) profile=web-dev ;;
    --release) profile=web-release ;;
    --out) out="$2"; shift ;;
    --bin) bin="$2"; shift ;;
    *) echo "usage: $0 [--dev|--release] [--out DIR] [--bin NAME]" >&2; exit 2 ;;
  esac
  shift
done

export PATH="$HOME/.cargo/bin:$PATH"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/fresque/target}"
bash scripts/setup.sh

log() { printf '\033[1m[build-web]\033[0m %s\n' "$*"; }
start=$(date +%s)
log "cargo build ($profile, target wasm32) — the first build takes a long time (see README)"
features=""
[ "$bin" = bevy-minimal ] && features="--features bench"
# shellcheck disable=SC2086
cargo build --locked --target wasm32-unknown-unknown --profile "$profile" -p fresque --bin "$bin" $features
wasm="$CARGO_TARGET_DIR/wasm32-unknown-unknown/$profile/$bin.wasm"

rm -rf "$out"
mkdir -p "$out"
log "wasm-bindgen"
wasm-bindgen --target web --no-typescript --out-dir "$out" --out-name fresque "$wasm"
if [ "$profile" = web-release ]; then
  log "wasm-opt -Oz"
  web/node_modules/.bin/wasm-opt -Oz --strip-debug --strip-producers \
    --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue \
    -o "$out/fresque_bg.opt.wasm" "$out/fresque_bg.wasm"
  mv "$out/fresque_bg.opt.wasm" "$out/fresque_bg.wasm"
fi

cp web/index.html web/board-png.js "$out/"
# The facilitator's guide as web pages (guide/fr.html, guide/en.html), linked from the deck screen.
node scripts/guide-html.mjs "$out"
mkdir -p "$out/assets"
cp -r assets/fonts assets/decks "$out/assets/"
# The printable cards of every shipped deck (deck-print, native), offered on the deck screen.
if [ "$bin" = fresque ]; then
  log "deck-print: the printable cards of every deck"
  mkdir -p "$out/print"
  cargo run --locked --quiet -p fresque-print --bin deck-print -- assets/decks/*.*.ron --out-dir "$out/print"
fi
wasm_bytes=$(stat -c %s "$out/fresque_bg.wasm")
cat > "$out/build-info.json" <<JSON
{"bin": "$bin", "profile": "$profile", "wasm_bytes": $wasm_bytes, "commit": "$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"}
JSON
# Precompressed copies for servers that can send them (scripts/serve.py does).
find "$out" -type f \( -name '*.wasm' -o -name '*.js' -o -name '*.html' -o -name '*.ron' -o -name '*.ttf' -o -name '*.json' \) \
  -exec gzip -9 -k -f {} \;
# Brotli copies of the big files (most static hosts and CDNs send them over HTTPS); Node's zlib
# makes them, so nothing more is installed. Optimised builds only: the debug-ish web-dev wasm
# is large and only served on loopback for tests.
if [ "$profile" = web-release ]; then node -e '
const zlib = require("zlib"), fs = require("fs");
for (const f of process.argv.slice(1)) {
  const data = fs.readFileSync(f);
  fs.writeFileSync(f + ".br", zlib.brotliCompressSync(data, { params: {
    [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length } }));
}' "$out/fresque_bg.wasm" "$out/fresque.js"; fi
log "done in $(( $(date +%s) - start )) s: $out/ (wasm $(( wasm_bytes / 1024 )) KiB, gzip $(( $(stat -c %s "$out/fresque_bg.wasm.gz") / 1024 )) KiB)"
