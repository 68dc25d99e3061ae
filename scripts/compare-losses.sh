#!/usr/bin/env bash
# Short, equal-budget runs of each loss on the same data, seed and batch; prints the validation
# skilled/random EER (5 references, cedar-dev and BHSig validation writers) of each.
# Usage: bash scripts/compare-losses.sh [STEPS]   (logs in runs/compare-<loss>.log)
set -euo pipefail
steps=${1:-250}
mkdir -p runs
for spec in "triplet hard" "triplet semi-hard" "contrastive hard" "bce hard" "lossless hard"; do
  set -- $spec
  name="$1-$2"
  rm -rf "checkpoints/compare-$name"
  npx tsx src/training/cli/train.ts --loss "$1" --mining "$2" --steps "$steps" --eval-every "$((steps / 2))" \
    --no-export --checkpoints "checkpoints/compare-$name" > "runs/compare-$name.log" 2>&1
  echo "$name: $(grep -o 'val skilled/random EER [^(]*' "runs/compare-$name.log" | tail -1)"
done
