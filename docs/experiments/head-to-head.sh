#!/usr/bin/env bash
# Issue 12's head-to-head: the paper's Fashion-MNIST protocol, 5 optimizers × 3 seeds × 3 teleport methods, each
# method with this tool's settings (--paper-protocol: guard, transport/keep, look-ahead 5) and with the papers' own
# (--paper: raw ascent η, cap 100, optimizer reset, no look-ahead; level set: its authors' 50 SLP iterations).
# One compare record per run under $OUT (baseline, teleport and — with a reset — control arms);
# head-to-head.py turns them into the tables of docs/EXPERIMENTS.md and head-to-head.json.
# SETTINGS=ours|paper|"ours paper", EPOCHS (default 3, the paper preset's) and OUT can be overridden.
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=${OUT:-runs/head-to-head}
EPOCHS=${EPOCHS:-3}
SETTINGS=${SETTINGS:-"ours paper"}
mkdir -p "$OUT"
CLI="dotnet src/Teleport.Cli/bin/Release/net10.0/teleport.dll"
dotnet build src/Teleport.Cli -c Release -v q >/dev/null
for setting in $SETTINGS; do
  preset=$([ "$setting" = paper ] && echo --paper || echo --paper-protocol)
  for method in group level-set null-space; do
    for opt in sgd adagrad momentum rmsprop adam; do
      for seed in 1 2 3; do
        out="$OUT/$setting-$method-$opt-$seed.json"
        [ -s "$out" ] && continue   # resumable
        echo "== compare $preset --teleport-method $method --optimizer $opt --seed $seed"
        $CLI compare $preset --dataset fashion-mnist --optimizer "$opt" --epochs "$EPOCHS" --seed "$seed" \
          --teleport-method "$method" --out "$out" | grep -A3 "^time to target"
      done
    done
  done
done
echo "done: $(ls "$OUT" | wc -l) records in $OUT"
