#!/usr/bin/env bash
# Regenerates assets/fonts/*.ttf: DejaVu Sans (Debian's fonts-dejavu-core) cut down to the characters
# French and English texts need, so the web page downloads ~10x less. Run it after adding a text that
# uses a new symbol; tests/it/content.rs checks that every character of the shipped texts is in the font.
set -euo pipefail
cd "$(dirname "$0")/.."
src=/usr/share/fonts/truetype/dejavu
if [ ! -f "$src/DejaVuSans.ttf" ]; then
  apt-get install -y fonts-dejavu-core >/dev/null
fi
python3 -m pip show fonttools >/dev/null 2>&1 || python3 -m pip install -q fonttools
# Basic Latin, Latin-1, Latin Extended-A, general punctuation, currency, arrows, math, dingbats used by the UI.
unicodes="U+0020-007E,U+00A0-00FF,U+0100-017F,U+0192,U+02C6-02DC,U+2010-2027,U+202F,U+2030-203A,U+2044,U+20AC,U+2122,U+2190-2199,U+21D2,U+2212,U+2248,U+2260-2265,U+2022,U+25CF,U+2713-2718,U+279C,U+2794,U+26A0"
for face in DejaVuSans DejaVuSans-Bold; do
  python3 -m fontTools.subset "$src/$face.ttf" --unicodes="$unicodes" \
    --layout-features='kern,liga' --no-hinting --desubroutinize \
    --output-file="assets/fonts/$face.ttf"
done
cp /usr/share/doc/fonts-dejavu-core/copyright assets/fonts/LICENSE-DejaVu.txt 2>/dev/null || true
ls -l assets/fonts
