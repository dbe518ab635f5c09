#!/usr/bin/env bash
# Rebuilds DejaVuSans-Subset.ttf and DejaVuSans-Bold-Subset.ttf from the full DejaVu fonts beside this script.
# Run by hand when the ranges change (see README.md); the product and CI only read the committed results.
# Needs fontTools (Debian: apt-get install python3-fonttools; the tool is `python3 -m fontTools.subset`, a.k.a. pyftsubset).
set -euo pipefail
cd "$(dirname "$0")"

# Latin (Basic, Latin-1, Extended-A), the modifier apostrophes ʻ ʼ, Cyrillic (all of U+0400–04FF: Kyrgyz ң ө ү,
# Kazakh, Ukrainian, Belarusian), General Punctuation (– — ‘ ’ “ ” „ … • ‰ and the spaces), currency signs
# (€ ₽ ₸ ₴ …), №, ™, the minus sign, and U+FEFF (a zero-width no-break space pasted in with text).
UNICODES="U+0020-007E,U+00A0-00FF,U+0100-017F,U+02BB-02BC,U+0400-04FF,U+2000-206F,U+20A0-20CF,U+2116,U+2122,U+2212,U+FEFF"

for face in DejaVuSans DejaVuSans-Bold; do
  python3 -m fontTools.subset "$face.ttf" \
    --unicodes="$UNICODES" \
    --output-file="$face-Subset.ttf" \
    --name-IDs='*' --name-languages='*' --notdef-outline \
    --no-hinting --layout-features='' --drop-tables+=GSUB,GPOS,GDEF,kern,MATH
done
