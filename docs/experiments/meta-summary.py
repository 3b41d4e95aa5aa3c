#!/usr/bin/env python3
"""Summarises docs/experiments/meta.sh's meta-test records: for each arm, the test loss before step e (the mean over
the 5 held-out tasks) for each meta-initialisation seed, its median over seeds, and how often an arm is below GD and
below its control arm.  Usage: python3 docs/experiments/meta-summary.py OUTDIR"""
import glob
import json
import re
import statistics
import sys

out = sys.argv[1]


def arm_key(name):
    # "LSTM(lr, tele) [lr-tele-2nd-3]" -> "lr-tele-2nd"; "GD" -> "GD"
    m = re.search(r"\[(.*)-\d+\]$", name)
    return m.group(1) if m else name


def task_mean(arm, e):
    values = [run[e] for run in arm["losses"] if run[e] is not None]
    return sum(values) / len(values) if len(values) == len(arm["losses"]) else float("inf")


for group, steps in (("lr", (10, 29, 100, 299)), ("update", (5, 10, 29, 99))):
    files = sorted(glob.glob(f"{out}/test-{group}-*.json"))
    if not files:
        continue
    table = {}
    for path in files:
        seed = int(re.search(r"-(\d+)\.json$", path).group(1))
        for arm in json.load(open(path))["arms"]:
            table.setdefault(arm_key(arm["name"]), {})[seed] = arm
    seeds = sorted(next(iter(table.values())).keys())
    print(f"== {group} variants, seeds {seeds}: test loss (mean over the held-out tasks) before step e")
    for e in steps:
        print(f"  e = {e}")
        for key, by_seed in table.items():
            values = [task_mean(by_seed[s], e) for s in seeds]
            cells = "  ".join(f"{v:10.4g}" for v in values)
            print(f"    {key:16} {cells}   median {statistics.median(values):.4g}")
    gd = table["GD"]
    pairs = [("lr-tele", "lr"), ("lr-tele-exact", "lr"), ("lr-tele-2nd", "lr-tele"), ("update-tele", "update")]
    for e in steps:
        for arm, control in pairs:
            if arm not in table or control not in table:
                continue
            below_gd = sum(task_mean(table[arm][s], e) < task_mean(gd[s], e) for s in seeds)
            below = sum(task_mean(table[arm][s], e) < task_mean(table[control][s], e) for s in seeds)
            print(f"  e = {e:3}: {arm} below GD in {below_gd}/{len(seeds)} seeds, below {control} in {below}/{len(seeds)}")
