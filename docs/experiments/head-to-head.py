#!/usr/bin/env python3
"""Tabulates docs/experiments/head-to-head.sh's compare records (issue 12): per setting (ours / paper), method and
optimizer, over seeds: final train and test loss of the teleport arm and of the baseline (and the reset-only control
arm's train loss when the optimizer is reset; mean ± sd), the smoothed
time-to-target ratio (mean ± sd, and how many seeds reached the target), the cost of one teleport in training steps
(median over the kept and rejected teleports: ascent seconds / the baseline's seconds per step), the relative loss
drift the teleports caused on their batch (median of |·|, largest rise and largest fall: (L_after − L_before)/|L_before|,
recomputed in double) and the median ‖∇L‖² gain.
Usage: head-to-head.py [RUNS_DIR] [--json OUT]."""
import json, math, pathlib, re, statistics, sys, collections

folder = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 and not sys.argv[1].startswith('--') else 'runs/head-to-head')
groups = collections.defaultdict(list)
for path in sorted(folder.glob('*.json')):
    m = re.match(r'(ours|paper|logistic|logistickeep)-(group|level-set|null-space)-(\w+)-(\d+)\.json', path.name)
    if m:
        groups[m.groups()[:3]].append(json.loads(path.read_text()))

def ms(values):
    values = [v for v in values if v is not None and math.isfinite(v)]
    if not values:
        return float('nan'), float('nan')
    return statistics.mean(values), (statistics.stdev(values) if len(values) > 1 else 0.0)

def fmt(pair, digits=4):
    mean, sd = pair
    return 'n/a' if math.isnan(mean) else f'{mean:.{digits}f} ± {sd:.{digits}f}'

def med(values):
    return statistics.median(values) if values else float('nan')

order = {'sgd': 0, 'adagrad': 1, 'momentum': 2, 'rmsprop': 3, 'adam': 4}
methods = {'group': 0, 'level-set': 1, 'null-space': 2}
table = []
print('| setting | method | optimizer | seeds | train loss: teleport / baseline (/ reset-only control) | test loss: teleport / baseline | time to target (ratio) | reached | one teleport (training steps) | relative loss drift: median \|·\| / largest rise / largest fall | ‖∇L‖² gain (median) | kept |')
print('|---|---|---|---|---|---|---|---|---|---|---|---|')
for key in sorted(groups, key=lambda k: (k[0], methods[k[1]], order.get(k[2], 9))):
    setting, method, opt = key
    records = groups[key]
    tr, te, btr, bte, ctr, ratios, cost, drift, gain, kept, total = [], [], [], [], [], [], [], [], [], 0, 0
    for r in records:
        t, b = r['teleport'], r['baseline']
        tr.append(t['summary']['final_train_loss']); te.append(t['summary']['final_test_loss'])
        btr.append(b['summary']['final_train_loss']); bte.append(b['summary']['final_test_loss'])
        ratios.append(r.get('time_to_target_ratio'))
        if r.get('control'):
            ctr.append(r['control']['summary']['final_train_loss'])
        step_seconds = b['summary']['wall_seconds'] / b['summary']['steps']
        for e in t['teleports']:
            total += 1
            kept += 1 if e.get('kept', True) else 0
            cost.append(e['ascent_seconds'] / step_seconds)
            drift.append(e['loss_drift'] / max(abs(e['loss_before']), 1e-30))
            gain.append(e['grad_norm_sq_gain'])
    reached = sum(1 for x in ratios if x is not None)
    entry = dict(setting=setting, method=method, optimizer=opt, seeds=len(records),
                 train=ms(tr), baseline_train=ms(btr), control_train=ms(ctr), test=ms(te), baseline_test=ms(bte), ratio=ms(ratios), reached=reached,
                 teleport_steps=med(cost), drift_median=med([abs(d) for d in drift]),
                 drift_rise=max(drift) if drift else float('nan'), drift_fall=min(drift) if drift else float('nan'),
                 gain_median=med(gain), kept=kept, teleports=total)
    table.append(entry)
    print(f"| {setting} | {method} | {opt} | {len(records)} | {fmt(entry['train'])} / {fmt(entry['baseline_train'])}{' / ' + fmt(entry['control_train']) if ctr else ''} | "
          f"{fmt(entry['test'])} / {fmt(entry['baseline_test'])} | {fmt(entry['ratio'], 2)} | {reached}/{len(records)} | "
          f"{entry['teleport_steps']:.0f} | {entry['drift_median']:.1e} / {entry['drift_rise']:+.1e} / {entry['drift_fall']:+.1e} | {entry['gain_median']:.3g} | {kept}/{total} |")
if '--json' in sys.argv:
    pathlib.Path(sys.argv[sys.argv.index('--json') + 1]).write_text(json.dumps(table, indent=1) + '\n')
