#!/usr/bin/env python3
"""Tabulates docs/experiments/cnn-fashion.sh's compare records (issue 11): one row per optimizer and seed — the final
train loss and test accuracy of the baseline and the teleport arm, the relative change of the train loss, teleports kept,
the median ‖∇L‖² gain, the teleports' total ascent time, one teleport in training steps (median ascent seconds / the
baseline's seconds per step) and the smoothed time-to-target ratio — then per optimizer the mean change over seeds.
Usage: cnn-fashion.py [RUNS_DIR]."""
import json, pathlib, re, statistics, sys

folder = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else 'runs/cnn')
order = {'sgd': 0, 'adagrad': 1, 'momentum': 2, 'rmsprop': 3, 'adam': 4}
rows = []
for path in folder.glob('*.json'):
    m = re.match(r'(\w+)-(\d+)\.json', path.name)
    if m and m.group(1) in order:
        rows.append((m.group(1), int(m.group(2)), json.loads(path.read_text())))
rows.sort(key=lambda r: (order[r[0]], r[1]))
print('| optimizer | seed | lr | baseline train loss / test acc | teleport | Δ train loss | teleports kept | ‖∇L‖² gain (median) | teleport time (s, total) | one teleport (training steps) | time-to-target ratio |')
print('|---|---|---|---|---|---|---|---|---|---|---|')
changes = {}
for opt, seed, r in rows:
    t, b = r['teleport'], r['baseline']
    ts, bs = t['summary'], b['summary']
    delta = (ts['final_train_loss'] - bs['final_train_loss']) / bs['final_train_loss']
    changes.setdefault(opt, []).append(delta)
    events = t['teleports']
    kept = sum(1 for e in events if e.get('kept', True))
    step_seconds = bs['wall_seconds'] / bs['steps']
    ascent = [e['ascent_seconds'] for e in events]
    gain = statistics.median(e['grad_norm_sq_gain'] for e in events) if events else float('nan')
    ratio = r.get('time_to_target_ratio')
    lr = b['config']['lr']
    print(f"| {opt} | {seed} | {lr} | {bs['final_train_loss']:.4f} / {100 * bs['final_test_accuracy']:.2f} % "
          f"| {ts['final_train_loss']:.4f} / {100 * ts['final_test_accuracy']:.2f} % | {100 * delta:+.2f} % | {kept}/{len(events)} "
          f"| {gain:.3f} | {sum(ascent):.1f} | {statistics.median(ascent) / step_seconds if ascent else float('nan'):.0f} "
          f"| {'never' if ratio is None else f'{ratio:.2f}'} |")
print()
for opt in sorted(changes, key=order.get):
    values = changes[opt]
    sd = statistics.stdev(values) if len(values) > 1 else 0.0
    print(f"{opt}: Δ train loss {100 * statistics.mean(values):+.2f} % ± {100 * sd:.2f} (mean ± sd over {len(values)} seeds), "
          f"better on {sum(1 for v in values if v < 0)} of {len(values)}")
