#!/usr/bin/env bash
# Builds the static web site of the game into a folder (default: dist/) that any static web
# server can host: index.html, fresque.js, fresque_bg.wasm, assets/, build-info.json and sw.js
# (the service worker that lets the game play offline after one visit), plus
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

cp web/index.html web/board-png.js web/mirror.js "$out/"
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
# files: the SHA-256 of the wasm and of fresque.js; the page asks them with ?v=<hash>, which the
# service worker answers from its cache when it holds exactly that content.
wasm_sha=$(sha256sum "$out/fresque_bg.wasm" | cut -d' ' -f1)
js_sha=$(sha256sum "$out/fresque.js" | cut -d' ' -f1)
cat > "$out/build-info.json" <<JSON
{"bin": "$bin", "profile": "$profile", "wasm_bytes": $wasm_bytes, "commit": "$(git rev-parse --short HEAD 2>/dev/null || echo unknown)", "files": {"fresque_bg.wasm": "$wasm_sha", "fresque.js": "$js_sha"}}
JSON
# The page starts downloading both as soon as it is read, before its script has fetched
# build-info.json (the same addresses, so the script's requests take the preloaded answers).
preload="<link rel=\"preload\" href=\"fresque_bg.wasm?v=$wasm_sha\" as=\"fetch\" type=\"application/wasm\" crossorigin>"
preload="$preload<link rel=\"modulepreload\" href=\"fresque.js?v=$js_sha\">"
PRELOAD="$preload" python3 - "$out/index.html" <<'PY'
import os, re, sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
s, n = re.subn(r"<!-- PRELOAD:.*?-->", lambda _: os.environ["PRELOAD"], s, count=1, flags=re.S)
if n != 1:
    sys.exit("build-web: no <!-- PRELOAD: --> marker in web/index.html")
open(p, "w", encoding="utf-8").write(s)
PY
# The service worker (play offline after one visit): web/sw.js with the list of every file of
# this build and its SHA-256; the build's id is a hash of that list, so any changed file makes a
# new sw.js, which browsers install on their next visit.
node -e '
const fs = require("fs"), path = require("path"), crypto = require("crypto");
const [out, template] = process.argv.slice(1);
const files = {};
const walk = (dir) => {
  for (const e of fs.readdirSync(path.join(out, dir), { withFileTypes: true })) {
    const rel = dir ? `${dir}/${e.name}` : e.name;
    if (e.isDirectory()) walk(rel);
    else if (!/\.(gz|br)$/.test(rel) && rel !== "sw.js") {
      files[rel] = crypto.createHash("sha256").update(fs.readFileSync(path.join(out, rel))).digest("hex");
    }
  }
};
walk("");
const sorted = Object.fromEntries(Object.entries(files).sort(([a], [b]) => (a < b ? -1 : 1)));
const build = crypto.createHash("sha256").update(JSON.stringify(sorted)).digest("hex").slice(0, 16);
const precache = JSON.stringify({ build, files: sorted }, null, 1);
const src = fs.readFileSync(template, "utf8");
const marker = /\/\* PRECACHE \*\/[^]*?\/\* \/PRECACHE \*\//;
if (!marker.test(src)) throw new Error("web/sw.js: no /* PRECACHE */ marker");
fs.writeFileSync(path.join(out, "sw.js"), src.replace(marker, () => `/* PRECACHE */ ${precache} /* /PRECACHE */`));
console.log(`[build-web] sw.js: build ${build}, ${Object.keys(sorted).length} files`);
' "$out" web/sw.js
# Precompressed copies for servers that can send them (scripts/serve.py does).
find "$out" -type f \( -name '*.wasm' -o -name '*.js' -o -name '*.html' -o -name '*.ron' -o -name '*.ttf' -o -name '*.json' \) \
  -exec gzip -9 -k -f {} \;
# Brotli copies of the same files (most static hosts and CDNs send them over HTTPS); Node's zlib
# makes them, so nothing more is installed. Quality 11 with a 16 MiB window (the largest
# browsers accept): the wasm is bigger than the default 4 MiB window, and the wide window finds
# its repeats across the whole file (-1.3 %). Optimised builds only: the debug-ish web-dev
# wasm is large and only served on loopback for tests.
if [ "$profile" = web-release ]; then
  find "$out" -type f \( -name '*.wasm' -o -name '*.js' -o -name '*.html' -o -name '*.ron' -o -name '*.ttf' -o -name '*.json' \) -print0 |
    xargs -0 node -e '
const zlib = require("zlib"), fs = require("fs");
for (const f of process.argv.slice(1)) {
  const data = fs.readFileSync(f);
  fs.writeFileSync(f + ".br", zlib.brotliCompressSync(data, { params: {
    [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_LGWIN]: 24,
    [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length } }));
}'
fi
log "done in $(( $(date +%s) - start )) s: $out/ (wasm $(( wasm_bytes / 1024 )) KiB, gzip $(( $(stat -c %s "$out/fresque_bg.wasm.gz") / 1024 )) KiB)"
