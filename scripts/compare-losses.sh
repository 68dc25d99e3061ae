#!/usr/bin/env bash
# Equal-budget runs of each loss on the same data, seed, batch and augmentation; prints a
# markdown table of validation skilled/random EER (5 references; cedar-dev and BHSig validation
# writers) at the end of each run, one full-size network (--pooling last), strong augmentation, no
# synthetic pretraining and no proxy term
# (the settings of the first comparison). Logs in runs/compare-<loss>.log.
# Usage: bash scripts/compare-losses.sh [STEPS]
set -euo pipefail
steps=${1:-100}
mkdir -p runs
echo "| loss | steps | cedar-dev val skilled / random EER | BHSig val skilled / random EER | minutes |"
echo "|---|---|---|---|---|"
for spec in "triplet hard" "triplet hard-both" "triplet semi-hard" "contrastive hard" "bce hard" "lossless hard"; do
  set -- $spec
  name="$1-$2"
  rm -rf "checkpoints/compare-$name"
  npx tsx src/training/cli/train.ts --pooling last --loss "$1" --mining "$2" --steps "$steps" --eval-every "$steps" \
    --augment strong --synthetic 0 --proxy-weight 0 --no-export --checkpoints "checkpoints/compare-$name" > "runs/compare-$name.log" 2>&1
  line=$(grep -o 'val skilled/random EER [^(]*([^)]*) [0-9]*m[0-9]*s' "runs/compare-$name.log" | tail -1)
  read -r cedar bhsig <<<"$(echo "$line" | sed -E 's/val skilled\/random EER ([^ ]+) ([^ ]+).*/\1 \2/')"
  mins=$(echo "$line" | grep -oE '[0-9]+m[0-9]+s$')
  label=$([ "$1" = triplet ] && echo "triplet, $2 mining" || echo "$1")
  echo "| $label | $steps | $cedar | $bhsig | $mins |"
done
