#!/usr/bin/env bash
# Issue 12: how the level-set and null-space defaults were chosen. One epoch of the paper protocol with Adam and
# momentum, seeds 1 and 2 (8 teleports at the start of epoch 1 on 200 samples, this tool's guard, look-ahead off so
# every teleport is kept), per setting: how many teleports moved (ended at a feasible iterate with a gain), the
# median ‖∇L‖² gain, the median relative drift, the median cost, and the epoch's train loss; plus the same epoch
# without teleports. Level set: ρ ∈ {0.1, 0.01} × SLP steps ∈ {10, 30} ×
# restoration steps ∈ {0, 5}; null space: τ ∈ {0.99, 1} × η ∈ {0.05, 5} (--teleport-lr). Sized for a shared 2-core machine.
# Writes one run record per setting under $OUT; method-defaults.py tabulates.
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=${OUT:-runs/method-defaults}
mkdir -p "$OUT"
CLI="dotnet src/Teleport.Cli/bin/Release/net10.0/teleport.dll"
dotnet build src/Teleport.Cli -c Release -v q >/dev/null
run() { local out="$OUT/$1.json"; shift; [ -s "$out" ] || $CLI "$@" --out "$out" >/dev/null; }
for opt in adam momentum; do
  for seed in 1 2; do
    common="train --paper-protocol --dataset fashion-mnist --optimizer $opt --epochs 1 --seed $seed"
    run "none-$opt-$seed-none" $common --teleport none
    for rho in 0.1 0.01; do for steps in 10 30; do for restore in 0 5; do
      run "ls-$opt-$seed-rho$rho-steps$steps-restore$restore" $common --teleport-lookahead 0 --teleport-method level-set \
        --level-set-rho $rho --level-set-steps $steps --level-set-restorations $restore
    done; done; done
    for tau in 0.99 1; do for lr in 0.05 5; do
      run "ns-$opt-$seed-tau$tau-lr$lr" $common --teleport-lookahead 0 --teleport-method null-space --null-space-tau $tau --teleport-lr $lr
    done; done
  done
done
echo "wrote $(ls "$OUT" | wc -l) records to $OUT"
