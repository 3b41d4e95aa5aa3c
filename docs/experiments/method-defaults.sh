#!/usr/bin/env bash
# Issue 12: how the level-set and null-space defaults were chosen. One epoch of the paper protocol with Adam and
# momentum (8 teleports in epoch 1 on 200 samples, this tool's guard, look-ahead off so every teleport is kept),
# per setting: how many teleports moved (ended at a feasible iterate with a gain), the median ‖∇L‖² gain, the
# median cost, and the epoch's train loss. Writes one run record per setting under $OUT; method-defaults.py tabulates.
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=${OUT:-runs/method-defaults}
mkdir -p "$OUT"
CLI="dotnet src/Teleport.Cli/bin/Release/net10.0/teleport.dll"
dotnet build src/Teleport.Cli -c Release -v q >/dev/null
for opt in adam momentum; do
  for seed in 1 2; do
    common="train --paper-protocol --dataset fashion-mnist --optimizer $opt --epochs 1 --seed $seed --teleport-lookahead 0"
    for rho in 0.1 0.03 0.01 0.003; do for steps in 10 30; do
      $CLI $common --teleport-method level-set --level-set-rho $rho --level-set-steps $steps --out "$OUT/ls-$opt-$seed-rho$rho-steps$steps.json" >/dev/null
    done; done
    for tau in 0.99 0.999 0.9999 1; do
      $CLI $common --teleport-method null-space --null-space-tau $tau --out "$OUT/ns-$opt-$seed-tau$tau.json" >/dev/null
    done
  done
done
echo "wrote $(ls "$OUT" | wc -l) records to $OUT"
