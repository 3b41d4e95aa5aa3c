#!/usr/bin/env bash
# Issue 12's head-to-head: the paper's Fashion-MNIST protocol (784-16-10-10, batches of 20 in order, 8 teleports on
# 200 samples at the start of epoch 1), 5 optimizers × 3 seeds × 3 teleport methods, each method with this tool's
# settings (--paper-protocol: drift guard 1e-5 in double, optimizer state transported/kept, look-ahead 5) and with the
# papers' own (--paper: raw ascent η, cap 100, optimizer reset, no look-ahead, control arm; level set: its authors' 50
# SLP iterations and no restoration). Then the convex case: multinomial logistic regression (--model logistic), which
# has no symmetry group, teleported at the start of epoch 3 of 4 (after two epochs: a small optimality gap), SGD and
# Adam × 3 seeds × the three methods.
# One compare record per run under $OUT; head-to-head.py turns them into the tables of docs/EXPERIMENTS.md.
# SETTINGS=ours|paper|"ours paper", EPOCHS (default 3, the paper preset's), OUT and CLI can be overridden (CLI: a
# copy of the built CLI, so that builds during the grid do not replace it).
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=${OUT:-runs/head-to-head}
EPOCHS=${EPOCHS:-3}
SETTINGS=${SETTINGS:-"ours paper"}
mkdir -p "$OUT"
if [ -z "${CLI:-}" ]; then
  dotnet build src/Teleport.Cli -c Release -v q >/dev/null
  CLI="dotnet src/Teleport.Cli/bin/Release/net10.0/teleport.dll"
fi
for setting in $SETTINGS; do
  preset=$([ "$setting" = paper ] && echo --paper || echo --paper-protocol)
  for method in group level-set null-space; do
    for opt in sgd adagrad momentum rmsprop adam; do
      for seed in 1 2 3; do
        out="$OUT/$setting-$method-$opt-$seed.json"
        [ -s "$out" ] && continue   # resumable
        echo "== compare $preset --teleport-method $method --optimizer $opt --seed $seed"
        $CLI compare $preset --dataset fashion-mnist --optimizer "$opt" --epochs "$EPOCHS" --seed "$seed" \
          --teleport-method "$method" --out "$out" | grep -A3 "^time to target" || true
      done
    done
  done
done
for method in group level-set null-space; do
  for opt in sgd adam; do
    for seed in 1 2 3; do
      out="$OUT/logistic-$method-$opt-$seed.json"
      [ -s "$out" ] && continue
      echo "== compare --model logistic --teleport-method $method --optimizer $opt --seed $seed"
      $CLI compare --paper-protocol --model logistic --dataset fashion-mnist --optimizer "$opt" --epochs 4 --teleport-epochs 3 \
        --seed "$seed" --teleport-method "$method" --out "$out" | grep -A3 "^time to target" || true
    done
  done
done
# the level-set teleports of the convex case again with every teleport kept (no look-ahead): does the ‖∇L‖² gain
# on the teleport batch turn into a lower loss?
for opt in sgd adam; do
  for seed in 1 2 3; do
    out="$OUT/logistickeep-level-set-$opt-$seed.json"
    [ -s "$out" ] && continue
    echo "== compare --model logistic --teleport-method level-set --teleport-lookahead 0 --optimizer $opt --seed $seed"
    $CLI compare --paper-protocol --model logistic --dataset fashion-mnist --optimizer "$opt" --epochs 4 --teleport-epochs 3 \
      --seed "$seed" --teleport-method level-set --teleport-lookahead 0 --out "$out" | grep -A3 "^time to target" || true
  done
done
echo "done: $(ls "$OUT" | wc -l) records in $OUT"
