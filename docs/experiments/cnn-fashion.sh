#!/usr/bin/env bash
# Issue 11: paper-cnn (conv 16 → maxpool → conv 32 → maxpool → 10) teleport vs no teleport on Fashion-MNIST, the paper's
# protocol with this tool's settings (--paper-protocol: seeded 50 000 / 10 000 split, batches of 20 in order, the paper's
# per-optimizer learning rates, 8 teleports of 10 steps on 200 samples at the start of epoch 1, exact symmetries — S2 per
# output channel of both convolutions —, optimizer state transported, look-ahead 5, drift guard 1e-5 in double),
# 5 optimizers × 3 seeds. One compare record per run under $OUT; cnn-fashion.py turns them into docs/EXPERIMENTS.md's table.
# EPOCHS (default 2), OUT and CLI can be overridden (CLI: a copy of the built CLI, so that builds during the grid do not
# replace it). Resumable: existing records are kept.
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=${OUT:-runs/cnn}
EPOCHS=${EPOCHS:-2}
mkdir -p "$OUT"
if [ -z "${CLI:-}" ]; then
  dotnet build src/Teleport.Cli -c Release -v q >/dev/null
  CLI="dotnet src/Teleport.Cli/bin/Release/net10.0/teleport.dll"
fi
for seed in 1 2 3; do
  for opt in sgd adagrad momentum rmsprop adam; do
    out="$OUT/$opt-$seed.json"
    [ -s "$out" ] && continue
    echo "== compare --model paper-cnn --optimizer $opt --seed $seed"
    $CLI compare --paper-protocol --model paper-cnn --dataset fashion-mnist --optimizer "$opt" --epochs "$EPOCHS" \
      --teleport-epochs 1 --seed "$seed" --out "$out" | grep -A3 "^time to target" || true
  done
done
