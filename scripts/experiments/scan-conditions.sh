#!/bin/bash
# The scan-conditions table of docs/scan-conditions.md for one model: makes the degraded copies of the
# validation writers under .cache/rescaled (other resolutions, phone photos, a printed line; research data,
# never in the repository) and runs `npm run eval` at 5 and 1 references on each, everything in the new form
# and (q...) only the questioned signatures, references as scanned.
# Usage: bash scripts/experiments/scan-conditions.sh [MODEL_DIR] [OUT_DIR]   (default: the shipped model, .cache/scan-conditions)
# Prints one line per condition; each eval's JSON and table are kept in OUT_DIR.
set -euo pipefail
MODEL=${1:-}; O=${2:-.cache/scan-conditions}
C=../shared/data/cedar-dev; B=../shared/data/bhsig260-bengali; R=.cache/rescaled
mkdir -p "$O"
dc() { npx tsx scripts/experiments/degraded-copy.ts "$@" > /dev/null; }
dc $C 0.6 $R/x0.6; dc $C 2 $R/x2; dc $C 4 $R/x4; dc $C 2 $R/photo2 --photo; dc $C 1 $R/line --line
dc $B 2 $R/x2 --bilevel; dc $B 4 $R/x4 --bilevel; dc $B 2 $R/photo2 --photo; dc $B 1 $R/line --line
ev() {
  local name=$1; shift
  for k in 5 1; do npm run -s eval -- "$@" ${MODEL:+--model "$MODEL"} --split validation --refs $k --json "$O/$name-$k.json" > "$O/$name-$k.txt" 2>&1; done
  node -e 'const [a, b] = process.argv.slice(1).map((f) => JSON.parse(require("fs").readFileSync(f, "utf8"))); const p = (x) => (100 * x).toFixed(2) + "%";
    console.log(`${process.argv[1].split("/").pop().replace("-5.json", "").padEnd(16)} ${p(a.skilled.eer)} / ${p(b.skilled.eer)}  FAR / FRR ${p(a.skilled.far)} / ${p(a.skilled.frr)}  random ${p(a.random.eer)}`)' "$O/$name-5.json" "$O/$name-1.json"
}
ev cedar-clean --data $C
ev bhsig-clean --data $B
for c in x0.6 x2 x4 photo2; do ev cedar-$c --data $R/$c/cedar-dev; done
for c in x2 x4 photo2; do ev bhsig-$c --data $R/$c/bhsig260-bengali; done
for c in x4 photo2 line; do
  ev cedar-q$c --data $C --questioned $R/$c/cedar-dev
  ev bhsig-q$c --data $B --questioned $R/$c/bhsig260-bengali
done
