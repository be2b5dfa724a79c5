#!/usr/bin/env bash
# Runs the whole browser suite N times in a row (default 5) on the current build and prints
# how many runs failed: the check that no browser test passes or fails by chance. Not part of
# CI (it takes N times the suite's time). Builds the site and the server first, as test.sh does.
#
#   bash scripts/e2e-repeat.sh        # 5 runs
#   bash scripts/e2e-repeat.sh 3
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
export PATH="$HOME/.cargo/bin:$PATH"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/fresque/target}"
bash scripts/setup.sh --test
out="$CARGO_TARGET_DIR/e2e-site"
bash scripts/build-web.sh --dev --out "$out"
cargo build --locked --quiet -p fresque-server
broken="$CARGO_TARGET_DIR/e2e-site-broken"
bash scripts/fixture-site.sh "$out" "$broken"
"$CARGO_TARGET_DIR/debug/fresque-server" --site "$out" --port 18480 --memory > "$CARGO_TARGET_DIR/repeat-serve.log" 2>&1 &
server=$!
SERVE_QUIET=1 python3 scripts/serve.py "$broken" --port 18580 > "$CARGO_TARGET_DIR/repeat-serve-broken.log" 2>&1 &
server_broken=$!
trap 'kill $server $server_broken 2>/dev/null || true' EXIT
sleep 1
failed=0
for i in $(seq "$runs"); do
  start=$(date +%s)
  if BASE_URL=http://127.0.0.1:18480/ FIXTURES_URL=http://127.0.0.1:18580/ \
      node --test --test-concurrency=1 tests/e2e/ > "$CARGO_TARGET_DIR/repeat-$i.log" 2>&1; then
    echo "run $i: passed in $(( $(date +%s) - start )) s"
  else
    failed=$((failed + 1))
    echo "run $i: FAILED in $(( $(date +%s) - start )) s:"
    grep -E "^not ok" "$CARGO_TARGET_DIR/repeat-$i.log" || true
  fi
done
echo "browser suite: $failed failed run(s) out of $runs"
[ "$failed" = 0 ]
