#!/usr/bin/env python3
"""Summarises vs-pytorch-cnn.sh's rounds: per case our median, PyTorch's and the speed-up (PyTorch / ours) — the median
over rounds and the range — and a CNN teleport's cost in CNN training steps (SGD, batch 20), ours and PyTorch's.
Each ratio is taken within one round (both sides measured minutes apart on the same shared machine), then the median
over rounds. Usage: vs-pytorch-cnn-summary.py [OUT_DIR]."""
import json, pathlib, statistics, sys

folder = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else 'runs/bench-cnn')
rounds = [json.loads(p.read_text()) for p in sorted(folder.glob('teleport_cnn_r*.json'))]
cases, steps = {}, {}
for r in rounds:
    by_name = {c['name']: c for c in r['cases']}
    for c in r['cases']:
        cases.setdefault(c['name'], []).append(c)
    step = by_name.get('step paper-cnn b20 Sgd')
    for name, c in by_name.items():
        if name.startswith('teleport') and step and c.get('torch_median_s') and step.get('torch_median_s'):
            steps.setdefault(name, []).append((c['median_s'] / step['median_s'], c['torch_median_s'] / step['torch_median_s']))

def span(values, fmt):
    return f"{fmt(statistics.median(values))} [{fmt(min(values))} … {fmt(max(values))}]"

ms = lambda s: f"{1e3 * s:.1f} ms"
print(f"{len(rounds)} rounds; medians over rounds [range]")
print('| case | ours | PyTorch 1.13 (1 thread) | PyTorch / ours | one teleport in training steps: ours / PyTorch |')
print('|---|---|---|---|---|')
for name, cs in cases.items():
    ours = [c['median_s'] for c in cs]
    torch = [c['torch_median_s'] for c in cs if c.get('torch_median_s')]
    ratio = [c['torch_median_s'] / c['median_s'] for c in cs if c.get('torch_median_s')]
    cost = steps.get(name)
    cost_text = '' if not cost else f"{span([a for a, _ in cost], lambda v: f'{v:.0f}')} / {span([b for _, b in cost], lambda v: f'{v:.0f}')}"
    print(f"| {name} | {span(ours, ms)} | {span(torch, ms) if torch else 'n/a'} | {span(ratio, lambda v: f'×{v:.2f}') if ratio else 'n/a'} | {cost_text} |")
