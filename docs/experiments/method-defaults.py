#!/usr/bin/env python3
"""Tabulates docs/experiments/method-defaults.sh's records: per setting (pooled over optimizers and seeds), the
teleports that moved the parameters, the median ‖∇L‖² gain of those, the median relative loss drift, the median cost
of one teleport (ms) and the mean epoch-1 train loss. Usage: method-defaults.py [RUNS_DIR] [--json OUT]."""
import json, statistics, sys, pathlib, re, collections

folder = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 and not sys.argv[1].startswith('--') else 'runs/method-defaults')
rows = collections.defaultdict(lambda: {'teleports': 0, 'moved': 0, 'gains': [], 'drifts': [], 'ms': [], 'loss': []})
for path in sorted(folder.glob('*.json')):
    m = re.match(r'(ls|ns|none)-(\w+)-(\d+)-(.*)\.json', path.name)
    if not m:
        continue
    method, opt, seed, setting = m.groups()
    record = json.loads(path.read_text())
    row = rows[(method, setting)]
    for e in record['teleports']:
        row['teleports'] += 1
        row['ms'].append(1e3 * e['ascent_seconds'])
        if e['steps_taken'] > 0 and e['grad_norm_sq_gain'] > 1 and (method == 'ns' or e.get('end_iterate', 0) > 0):
            row['moved'] += 1
            row['gains'].append(e['grad_norm_sq_gain'])
            row['drifts'].append(e['relative_loss_drift'])
    row['loss'].append(record['epochs'][-1]['train_loss'])

def med(values):
    return statistics.median(values) if values else float('nan')

table = []
print('| method | setting | teleports that moved | median ‖∇L‖² gain (moved) | median relative drift (moved) | median ms per teleport | mean epoch-1 train loss |')
print('|---|---|---|---|---|---|---|')
for (method, setting), r in sorted(rows.items()):
    name = {'ls': 'level-set', 'ns': 'null-space', 'none': 'no teleport'}[method]
    entry = dict(method=name, setting=setting, teleports=r['teleports'], moved=r['moved'], median_gain=med(r['gains']),
                 median_drift=med(r['drifts']), median_ms=med(r['ms']), mean_loss=statistics.mean(r['loss']))
    table.append(entry)
    print(f"| {name} | {setting} | {r['moved']}/{r['teleports']} | {entry['median_gain']:.3g} | {entry['median_drift']:.2g} | {entry['median_ms']:.3g} | {entry['mean_loss']:.4f} ({len(r['loss'])} runs) |")
if '--json' in sys.argv:
    pathlib.Path(sys.argv[sys.argv.index('--json') + 1]).write_text(json.dumps(table, indent=1) + '\n')
