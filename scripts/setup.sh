#!/usr/bin/env bash
# Installs what the web build (and, with --test, the tests) need. Idempotent: each step is
# skipped when already done. Works as root without prompts; uses sudo for apt when not root.
#
#   bash scripts/setup.sh          # wasm target, wasm-bindgen-cli (same version as Cargo.lock), wasm-opt
#   bash scripts/setup.sh --test   # also Chromium (Debian) and playwright-core for the browser tests,
#                                  # and poppler-utils (pdftotext…) for the tests of deck-print,
#                                  # and redis-server and nginx for the tests of workshop servers
#   bash scripts/setup.sh --pdf-tools   # only poppler-utils, redis-server and nginx (tests without the web build)
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=false
only_pdf=false
for arg in "$@"; do
  case "$arg" in
    --test) want_test=true ;;
    --pdf-tools) only_pdf=true ;;
    *) echo "usage: $0 [--test|--pdf-tools]" >&2; exit 2 ;;
  esac
done

log() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

apt_install() {
  local sudo_cmd=""
  [ "$(id -u)" = 0 ] || sudo_cmd="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo_cmd apt-get update -qq
  $sudo_cmd apt-get install -y -qq "$@" >/dev/null
}

# poppler-utils: pdftotext, pdfinfo, pdffonts, pdftoppm read the PDFs deck-print writes.
if $want_test || $only_pdf; then
  if ! command -v pdftotext >/dev/null || ! command -v pdftoppm >/dev/null; then
    log "installing poppler-utils (Debian package)"
    apt_install poppler-utils
  fi
fi
# redis-server and nginx: the tests of several workshop servers start their own Redis, and the
# test of docs/deploy.md its own nginx, on loopback ports with temporary folders. Installed
# without starting Debian's system services.
if $want_test || $only_pdf; then
  missing=()
  [ -x /usr/bin/redis-server ] || missing+=(redis-server)
  [ -x /usr/sbin/nginx ] || missing+=(nginx)
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]} (Debian packages; their services are not started)"
    sudo_cmd=""
    [ "$(id -u)" = 0 ] || sudo_cmd="sudo"
    added_policy=false
    if [ ! -e /usr/sbin/policy-rc.d ]; then
      printf '#!/bin/sh\nexit 101\n' | $sudo_cmd tee /usr/sbin/policy-rc.d >/dev/null
      $sudo_cmd chmod +x /usr/sbin/policy-rc.d
      added_policy=true
    fi
    apt_install "${missing[@]}"
    if $added_policy; then $sudo_cmd rm -f /usr/sbin/policy-rc.d; fi
  fi
fi
if $only_pdf; then
  log "ready"
  exit 0
fi

export PATH="$HOME/.cargo/bin:$PATH"

# 1. The wasm target of the Rust toolchain.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# 2. wasm-bindgen-cli at exactly the version of the wasm-bindgen crate in Cargo.lock.
bindgen_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ -z "$bindgen_version" ]; then
  echo "could not read the wasm-bindgen version from Cargo.lock" >&2
  exit 1
fi
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$bindgen_version" ]; then
  log "installing wasm-bindgen-cli $bindgen_version (a few minutes, once)"
  cargo install wasm-bindgen-cli --version "$bindgen_version" --force
fi

# 3. wasm-opt from npm's binaryen (Debian's wasm-opt breaks the output), and marked (the
#    facilitator's guide as web pages).
if [ ! -x web/node_modules/.bin/wasm-opt ] || [ ! -f web/node_modules/marked/package.json ]; then
  log "installing binaryen (wasm-opt) and marked with npm"
  (cd web && npm ci --no-audit --no-fund --loglevel=error)
fi

if $want_test; then
  # 4. Chromium from Debian, for the browser tests.
  if [ ! -x /usr/bin/chromium ]; then
    log "installing Chromium (Debian package)"
    apt_install chromium
  fi
  # 5. playwright-core, which drives it (it never downloads a browser), and axe-core, the
  #    accessibility checks run in the page.
  if [ ! -d tests/e2e/node_modules/playwright-core ] || [ ! -d tests/e2e/node_modules/axe-core ]; then
    log "installing playwright-core and axe-core with npm"
    (cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error)
  fi
fi
log "ready"
