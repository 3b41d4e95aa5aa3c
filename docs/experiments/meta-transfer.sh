#!/bin/sh
# Transfer of learning to teleport to a task family the paper did not try: meta-train LSTM(lr, tele) and its control
# LSTM(lr) on the paper's tasks (X, Y from U[0, 1)), then meta-test both on Gaussian tasks (X, Y from N(0, 1)).
# Usage: docs/experiments/meta-transfer.sh OUTDIR   (from the repository root, after
#        dotnet build src/Teleport.Cli -c Release). Then: python3 docs/experiments/meta-summary.py OUTDIR
set -eu
out=${1:?usage: meta-transfer.sh OUTDIR}
mkdir -p "$out"
teleport="nice -n 5 dotnet src/Teleport.Cli/bin/Release/net10.0/teleport.dll"
for seed in 0 1 2 3 4; do
  $teleport meta-train --variant lr-tele --seed $seed --out "$out/lr-tele-$seed.safetensors"
  $teleport meta-train --variant lr --seed $seed --out "$out/lr-$seed.safetensors"
  $teleport meta-test --task-family gaussian --meta "$out/lr-tele-$seed.safetensors" "$out/lr-$seed.safetensors" --out "$out/test-lr-$seed.json"
done
