#!/bin/sh
# Side-by-side speed against the PyTorch peer (../shared/peer/microbench.py, Debian python3-torch),
# interleaved in ROUNDS rounds so that both sides see the same moments of a shared, noisy machine:
#   tests/Teleport.Benchmarks/vs-pytorch.sh [OUT_DIR] [ROUNDS] [THREADS]
# Each round writes OUT_DIR/torch_rN.json (PyTorch medians) and OUT_DIR/teleport_rN.{json,txt}
# (`teleport bench --torch`: our medians and the ratio measured against that round's PyTorch run).
set -eu
cd "$(dirname "$0")/../.."
OUT=${1:-runs/bench}
ROUNDS=${2:-3}
THREADS=${3:-1}
PEER=${PEER:-../shared/peer/microbench.py}
mkdir -p "$OUT"
dotnet build src/Teleport.Cli -c Release -v quiet -nologo > /dev/null
B=src/Teleport.Cli/bin/Release/net10.0/teleport
r=1
while [ "$r" -le "$ROUNDS" ]; do
  /usr/bin/python3 "$PEER" --threads "$THREADS" --reps-small 1500 --reps-wide 100 --reps-teleport 30 --out "$OUT/torch_r$r.json" > /dev/null
  "$B" bench --threads "$THREADS" --torch "$OUT/torch_r$r.json" --out "$OUT/teleport_r$r.json" > "$OUT/teleport_r$r.txt"
  cat "$OUT/teleport_r$r.txt"
  r=$((r + 1))
done
