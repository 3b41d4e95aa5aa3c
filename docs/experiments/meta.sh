#!/bin/sh
# Figure 6 (learning to teleport): meta-train on the training tasks, save, meta-test on the held-out tasks.
# Usage: docs/experiments/meta.sh OUTDIR [UPDATE_TASKS]   (from the repository root, after
#        dotnet build src/Teleport.Cli -c Release). UPDATE_TASKS cuts the update variants' 600/700 trajectories.
# Then: python3 docs/experiments/meta-summary.py OUTDIR
set -eu
out=${1:?usage: meta.sh OUTDIR [UPDATE_TASKS]}
update_tasks=${2:-}
mkdir -p "$out"
teleport="nice -n 5 dotnet src/Teleport.Cli/bin/Release/net10.0/teleport.dll"
for seed in 0 1 2 3 4; do
  $teleport meta-train --variant lr-tele --seed $seed --out "$out/lr-tele-$seed.safetensors" --curve "$out/lr-tele-$seed.curve.json"
  $teleport meta-train --variant lr --seed $seed --out "$out/lr-$seed.safetensors" --curve "$out/lr-$seed.curve.json"
  $teleport meta-train --variant lr-tele --form exact --seed $seed --out "$out/lr-tele-exact-$seed.safetensors"
  $teleport meta-train --variant lr-tele --second-order --seed $seed --out "$out/lr-tele-2nd-$seed.safetensors"
  $teleport meta-test --meta "$out/lr-tele-$seed.safetensors" "$out/lr-$seed.safetensors" "$out/lr-tele-exact-$seed.safetensors" \
    "$out/lr-tele-2nd-$seed.safetensors" --out "$out/test-lr-$seed.json"
done
for seed in 0 1; do
  $teleport meta-train --variant update ${update_tasks:+--train-tasks $update_tasks} --seed $seed --out "$out/update-$seed.safetensors" --curve "$out/update-$seed.curve.json"
  $teleport meta-train --variant update-tele ${update_tasks:+--train-tasks $update_tasks} --seed $seed --out "$out/update-tele-$seed.safetensors" --curve "$out/update-tele-$seed.curve.json"
  $teleport meta-test --meta "$out/update-$seed.safetensors" "$out/update-tele-$seed.safetensors" --out "$out/test-update-$seed.json"
done
