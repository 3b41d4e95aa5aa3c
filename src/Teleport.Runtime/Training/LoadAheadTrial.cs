using System;

namespace Teleport.Training;

/// <summary>
/// Whether handing the next batch to the second core (<see cref="NextBatchLoader"/>) makes this run's steps faster,
/// measured on the run itself: after <see cref="WarmUpSteps"/> steps with it, the time from one batch's selection to the
/// next is taken in <see cref="Windows"/> alternating windows of <see cref="WindowSteps"/> steps with and without the
/// loader, and the way with the lower median is kept for the next <see cref="KeptSteps"/> steps; then it is measured again,
/// or sooner when a window of steps with the loader is slower than the trial's median without it.
/// </summary>
/// <remarks>
/// <para>Why measure: what the loader saves (the copy, 1.5–2 µs of the paper network's 15–20 µs step) depends on how
/// fast the step then reads floats the other core wrote, and that changes with the host: on the 2-vCPU Zen 4 VM, reading
/// 512 KB the other core wrote took 0.9× and, in other phases of the same hour, 0.35× the time of reading this core's
/// own, and steps with the loader were then slower than without. A busy second core shows up the same way (jobs
/// withdrawn, steps no faster). A trial costs the slower way for about half of its 128 steps, once per 2 048.</para>
/// <para>The interval from selecting batch b to selecting b + 1 holds batch b's copy (or taking it from the loader) and
/// the step on it, which read what was decided at batch b − 1; the first <see cref="SettlingSteps"/> intervals of a
/// window are not counted (the first ran on a batch copied the other way; a sleeping loader takes a few steps to wake).
/// <see cref="Restart"/> (a new epoch: evaluation and checkpoints lie between) drops the interval in progress and
/// settles again. The loader is kept when its median step is at least <see cref="LeastGainPercent"/> % faster. Which
/// way is used never changes a number, only where the copy runs.</para>
/// </remarks>
internal sealed class LoadAheadTrial
{
    /// <summary>Steps per window of a trial.</summary>
    internal const int WindowSteps = 32;

    /// <summary>Windows per trial, alternating with and without the loader (which comes first alternates between trials).</summary>
    internal const int Windows = 4;

    /// <summary>Steps the faster way is kept before the next trial.</summary>
    internal const int KeptSteps = 2048;

    /// <summary>
    /// Steps at the start of each window that are not counted: the first one ran on a batch copied the other way, and a
    /// loader that went to sleep during a window without it wakes only at the first post (tens of µs on a VM).
    /// </summary>
    internal const int SettlingSteps = 9;

    /// <summary>How much faster (in hundredths) the loader's median step must be to be kept: a smaller gain is not worth a core.</summary>
    internal const int LeastGainPercent = 1;

    /// <summary>
    /// Steps with the loader before the first trial: a second core idle until the run started (its vCPU halted on a VM)
    /// read slow in a first trial at once (medians with the loader 18.0–18.5 µs against 16.5–16.7 µs in the next ones).
    /// </summary>
    internal const int WarmUpSteps = 256;

    /// <summary>Fewest counted intervals per way for a verdict (else the last verdict stands).</summary>
    internal const int FewestIntervals = 8;

    private const int TrialSteps = Windows * WindowSteps;

    private readonly long[] _with = new long[TrialSteps];
    private readonly long[] _without = new long[TrialSteps];
    private int _withCount, _withoutCount;
    private int _position = TrialSteps + KeptSteps - WarmUpSteps; // the warm-up is kept steps of the initial verdict
    private bool _withFirst; // flips before each trial: the first starts with the loader
    private bool _kept = true;
    private long _withoutMedian; // the last trial's median step without the loader (0: none yet)
    private readonly long[] _watched = new long[WindowSteps]; // steps with the loader while it is kept
    private int _watchedCount;
    private long _last;
    private int _previous = -1; // the last decision (1 with the loader, 0 without, −1 none since the start or a restart)
    private int _run; // selections in a row that decided as the last one did

    public LoadAheadTrial()
    {
        // The verdict's code runs first at step 384; with tiered compilation off (the tool) its first call compiled it on
        // the training clock (0.7–1.4 ms of epoch 1). A call here compiles it when the trainer is made.
        _ = Median(_with, 1);
    }

    /// <summary>Intervals counted so far in the current trial, with and without the loader (tests).</summary>
    internal (int With, int Without) Counted => (_withCount, _withoutCount);

    /// <summary>The verdict of the last trial (true before the first): whether the loader made steps faster.</summary>
    internal bool LoaderFaster => _kept;

    /// <summary>
    /// At the selection of a batch (<paramref name="now"/>: <see cref="System.Diagnostics.Stopwatch.GetTimestamp"/>):
    /// counts the interval since the last selection, and returns whether the next batch goes to the loader.
    /// </summary>
    internal bool Next(long now)
    {
        if (_last != 0 && _run > SettlingSteps)
        {
            if (_position < TrialSteps)
            {
                if (_previous == 1) _with[_withCount++] = now - _last;
                else _without[_withoutCount++] = now - _last;
            }
            else if (_position > TrialSteps && _previous == 1 && _withoutMedian > 0)
            {
                Watch(now - _last); // not at the verdict's own selection: the trial's last step is not a kept one
            }
        }
        var decision = Decide() ? 1 : 0;
        _position++;
        _run = decision == _previous ? _run + 1 : 1;
        (_previous, _last) = (decision, now);
        return decision == 1;
    }

    /// <summary>
    /// While the loader is kept: a window of steps whose median is slower than the last trial's median without it ends the
    /// kept steps early, and the next selection starts a trial (the host's phase changes within minutes; 2 048 steps of
    /// a wrong verdict cost the paper network 3–6 ms).
    /// </summary>
    private void Watch(long interval)
    {
        _watched[_watchedCount++] = interval;
        if (_watchedCount < WindowSteps) return;
        _watchedCount = 0;
        if (Median(_watched, WindowSteps) > _withoutMedian) _position = TrialSteps + KeptSteps - 1;
    }

    /// <summary>Drops the interval in progress (a new epoch, or a batch selected out of order).</summary>
    internal void Restart() => (_last, _previous, _run) = (0, -1, 0);

    private bool Decide()
    {
        if (_position < TrialSteps) return (_position / WindowSteps % 2 == 0) == _withFirst;
        if (_position == TrialSteps)
        {
            if (_withCount >= FewestIntervals && _withoutCount >= FewestIntervals)
            {
                _withoutMedian = Median(_without, _withoutCount);
                _kept = Median(_with, _withCount) * 100 < _withoutMedian * (100 - LeastGainPercent);
            }
            (_withCount, _withoutCount, _watchedCount) = (0, 0, 0);
        }
        if (_position == TrialSteps + KeptSteps - 1)
        {
            _position = -1; // the next call starts a trial
            _withFirst = !_withFirst;
        }
        return _kept;
    }

    /// <summary>
    /// The median of the first <paramref name="count"/> values, sorted in place by insertion (at most 128 of them, once
    /// per trial: a few microseconds, and a small method to compile).
    /// </summary>
    private static long Median(long[] values, int count)
    {
        for (var i = 1; i < count; i++)
        {
            var value = values[i];
            var j = i - 1;
            for (; j >= 0 && values[j] > value; j--) values[j + 1] = values[j];
            values[j + 1] = value;
        }
        return values[count / 2];
    }
}
