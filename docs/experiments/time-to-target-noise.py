#!/usr/bin/env python3
"""For each compare record in RUNS_DIR (default runs/time-to-target-noise): the time-to-target ratio on the raw loss
trace (first window at or below the baseline's last window, interpolated: the rule before issue 12) and on the
smoothed trace (trailing sample-weighted mean of 10 windows, as TimeToTarget.SmoothingWindows; the record's own
time_to_target_ratio), then the range and the mean ± sd of each over the records."""
import json, pathlib, statistics, sys

K = 10
folder = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else 'runs/time-to-target-noise')

def curve(run, smooth):
    trace = run['loss_trace']
    times = [p['wall_seconds'] for p in trace]
    if not smooth:
        return times, [p['train_loss'] for p in trace]
    losses = []
    for i in range(len(trace)):
        window = trace[max(0, i - K + 1):i + 1]
        losses.append(sum(p['train_loss'] * p['samples'] for p in window) / sum(p['samples'] for p in window))
    return times, losses

def ratio(record, smooth):
    bt, bl = curve(record['baseline'], smooth)
    target, total = bl[-1], bt[-1]
    t, l = curve(record['teleport'], smooth)
    for i, loss in enumerate(l):
        if loss <= target:
            if i == 0 or not l[i - 1] > loss:
                return t[i] / total
            return (t[i - 1] + (t[i] - t[i - 1]) * (l[i - 1] - target) / (l[i - 1] - loss)) / total
    return None

rows = []
for path in sorted(folder.glob('*.json')):
    record = json.loads(path.read_text())
    rows.append((path.name, ratio(record, False), ratio(record, True), record.get('time_to_target_ratio')))
for name, raw, smooth, stored in rows:
    print(f'{name}: raw {raw if raw is None else round(raw, 3)}, smoothed {smooth if smooth is None else round(smooth, 3)} (record: {stored if stored is None else round(stored, 3)})')
for label, index in (('raw trace', 1), ('smoothed trace', 2)):
    values = [r[index] for r in rows if r[index] is not None]
    if values:
        print(f'{label}: {min(values):.2f}–{max(values):.2f}, mean {statistics.mean(values):.2f} ± {statistics.stdev(values) if len(values) > 1 else 0:.2f} over {len(values)} of {len(rows)} runs that reached the target')
