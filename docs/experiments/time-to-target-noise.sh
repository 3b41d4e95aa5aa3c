#!/usr/bin/env bash
# Issue 12, item 4: how much does one run's time-to-target ratio move between identical runs? The README's example
# (compare --paper-protocol --optimizer rmsprop --epochs 3, seed 1) ten times; time-to-target-noise.py recomputes
# each record's ratio on the raw trace (the old rule) and on the smoothed trace (the new default) and prints both
# ranges. The losses are identical every time (deterministic per seed); only the wall times differ.
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=${OUT:-runs/time-to-target-noise}
mkdir -p "$OUT"
if [ -z "${CLI:-}" ]; then
  dotnet build src/Teleport.Cli -c Release -v q >/dev/null
  CLI="dotnet src/Teleport.Cli/bin/Release/net10.0/teleport.dll"
fi
for i in $(seq 1 10); do
  out="$OUT/rmsprop-1-run$i.json"
  [ -s "$out" ] || $CLI compare --paper-protocol --dataset fashion-mnist --optimizer rmsprop --epochs 3 --seed 1 --out "$out" >/dev/null
done
echo "wrote $(ls "$OUT" | wc -l) records to $OUT"
