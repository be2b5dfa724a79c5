#!/usr/bin/env bash
# Installs what is missing, builds the web game and serves it on 127.0.0.1 (prints the URL).
#
#   bash scripts/serve.sh            # optimised build (first time: long, see README)
#   bash scripts/serve.sh --dev      # quicker build for development
#   PORT=9000 bash scripts/serve.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build-web.sh "$@" --out dist
exec python3 scripts/serve.py dist --port "${PORT:-8080}"
