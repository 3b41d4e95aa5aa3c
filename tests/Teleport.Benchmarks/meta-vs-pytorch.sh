#!/bin/sh
# The learning-to-teleport loop against the same loop in PyTorch (docs/experiments/meta_vs_pytorch.py, Debian
# python3-torch, float64, one thread), interleaved in ROUNDS rounds so that both sides see the same moments of a
# shared, noisy machine:
#   tests/Teleport.Benchmarks/meta-vs-pytorch.sh [OUT_DIR] [ROUNDS] [REPS]
# Each round writes OUT_DIR/torch_rN.json and OUT_DIR/teleport_rN.json; the last line of output is the summary
# (per case: the median over rounds of each side's median, and their ratio).
set -eu
cd "$(dirname "$0")/../.."
OUT=${1:-runs/meta-bench}
ROUNDS=${2:-3}
REPS=${3:-20}
mkdir -p "$OUT"
dotnet build tests/Teleport.Benchmarks -c Release -v quiet -nologo > /dev/null
r=1
while [ "$r" -le "$ROUNDS" ]; do
  /usr/bin/python3 docs/experiments/meta_vs_pytorch.py --reps "$REPS" --out "$OUT/torch_r$r.json" > /dev/null
  dotnet tests/Teleport.Benchmarks/bin/Release/net10.0/Teleport.Benchmarks.dll quick-meta "$REPS" "$OUT/teleport_r$r.json" > /dev/null
  r=$((r + 1))
done
/usr/bin/python3 - "$OUT" "$ROUNDS" <<'PY'
import json, statistics, sys
out, rounds = sys.argv[1], int(sys.argv[2])
load = lambda side, r: json.load(open(f"{out}/{side}_r{r}.json"))["cases"]
torch = [load("torch", r) for r in range(1, rounds + 1)]
ours = [load("teleport", r) for r in range(1, rounds + 1)]
print(f"{'case':22} {'PyTorch (s)':>12} {'Teleport (s)':>13} {'PyTorch / Teleport':>19}   per-round ratios")
for case in torch[0]:
    t = [x[case]["median_s"] for x in torch]
    o = [x[case]["median_s"] for x in ours]
    ratios = ", ".join(f"{a / b:.2f}" for a, b in zip(t, o))
    print(f"{case:22} {statistics.median(t):12.4g} {statistics.median(o):13.4g} {statistics.median(t) / statistics.median(o):19.2f}   {ratios}")
PY
