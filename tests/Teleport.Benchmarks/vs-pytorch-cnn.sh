#!/bin/sh
# paper-cnn's training step and teleport side by side with PyTorch (tests/Teleport.Benchmarks/cnn_microbench.py, Debian
# python3-torch), interleaved in ROUNDS rounds so that both sides see the same moments of a shared, noisy machine:
#   tests/Teleport.Benchmarks/vs-pytorch-cnn.sh [OUT_DIR] [ROUNDS] [THREADS]
# Each round writes OUT_DIR/torch_cnn_rN.json (PyTorch medians) and OUT_DIR/teleport_cnn_rN.{json,txt}
# (`teleport bench --filter paper-cnn --torch`: our medians and the speed-ups against that round's PyTorch run).
set -eu
cd "$(dirname "$0")/../.."
OUT=${1:-runs/bench-cnn}
ROUNDS=${2:-3}
THREADS=${3:-1}
mkdir -p "$OUT"
dotnet build src/Teleport.Cli -c Release -v quiet -nologo > /dev/null
B=src/Teleport.Cli/bin/Release/net10.0/teleport
r=1
while [ "$r" -le "$ROUNDS" ]; do
  /usr/bin/python3 tests/Teleport.Benchmarks/cnn_microbench.py --threads "$THREADS" --reps-step 200 --reps-teleport 8 --out "$OUT/torch_cnn_r$r.json" > /dev/null
  "$B" bench --threads "$THREADS" --filter paper-cnn --repeats 9 --torch "$OUT/torch_cnn_r$r.json" --out "$OUT/teleport_cnn_r$r.json" > "$OUT/teleport_cnn_r$r.txt"
  cat "$OUT/teleport_cnn_r$r.txt"
  r=$((r + 1))
done
