#!/usr/bin/env bash
# Makes the browser tests' fixture site: a copy of a built site whose manifest also lists a
# broken deck, a missing one, the fixture deck with one round of each kind but links, a small
# links deck, and the Climate-Fresk-size test deck.
#
#   bash scripts/fixture-site.sh BUILT_SITE OUT_DIR
set -euo pipefail
cd "$(dirname "$0")/.."
from="$1"
to="$2"
rm -rf "$to"
cp -r "$from" "$to"
cp tests/fixtures/decks/wrong-type.ron "$to/assets/decks/broken.fr.ron"
cp tests/fixtures/decks/kinds.fr.ron "$to/assets/decks/kinds.fr.ron"
cp tests/fixtures/decks/grande-fresque.fr.ron "$to/assets/decks/grande-fresque.fr.ron"
cp tests/fixtures/decks/valid.fr.ron "$to/assets/decks/exemple.fr.ron"
rm -f "$to/assets/decks/"*.gz "$to/assets/decks/"*.br
# Not a build: no service worker (its file list would not match the edited manifest).
rm -f "$to/sw.js" "$to/sw.js.gz"
python3 - "$to/assets/decks/manifest.ron" <<'PY'
import sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
s = s.replace("decks: [", 'decks: [\n        "broken.fr.ron",\n        "missing.fr.ron",\n        "kinds.fr.ron",\n        "exemple.fr.ron",\n        "grande-fresque.fr.ron",', 1)
open(p, "w", encoding="utf-8").write(s)
PY
