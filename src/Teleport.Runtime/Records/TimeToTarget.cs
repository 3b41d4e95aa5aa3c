using System;
using System.Collections.Generic;

namespace Teleport.Records;

/// <summary>
/// The compare record's <c>time_to_target_ratio</c>: the training time a run needs to reach the baseline's final
/// train loss, divided by the baseline's total training time. Below 1 means faster than the baseline.
/// </summary>
/// <remarks>
/// <para><b>Loss curves.</b> A run's curve is a sequence of points (tᵢ, ℓᵢ): for the smoothed loss trace (the
/// default since issue 12), ℓᵢ is the sample-weighted mean loss of the trace windows i − K + 1 … i (K =
/// <see cref="SmoothingWindows"/> = 10, fewer at the start), placed at the cumulative training time tᵢ at window
/// i's end; for epochs, each epoch's train_loss at its wall_seconds. Both runs use the same series: the smoothed
/// trace when both have a trace, otherwise the epochs. (Before issue 12 the raw windows were used, so the first
/// noisy window below the target decided the time: the README's example ranged 0.43–0.92 over ten runs of one
/// seed; records written then say <c>"loss_trace"</c> and are still read.)</para>
/// <para><b>Target.</b> The baseline curve's last loss ℓ* (its final train loss on that series) and
/// total time T* (its last time, which is the final epoch's wall_seconds for a completed run).</para>
/// <para><b>Time to reach it.</b> The first point with ℓᵢ ≤ ℓ*; if it is the first point (or the one before
/// is not finite), its time tᵢ; otherwise the curve is taken as linear between the previous point and
/// this one, and the crossing is t = tᵢ₋₁ + (tᵢ − tᵢ₋₁)·(ℓᵢ₋₁ − ℓ*)/(ℓᵢ₋₁ − ℓᵢ). Never reached: null.
/// A run identical to the baseline reaches it at its last point (unless noise dipped lower earlier),
/// so its ratio is its total time over the baseline's, about 1.</para>
/// <para>Placing a window's mean at the window's end makes both runs equally late by up to one window;
/// the interpolation only refines the time between two points.</para>
/// </remarks>
public static class TimeToTarget
{
    /// <summary>Trace windows in the trailing mean of <see cref="LossCurveSource.SmoothedLossTrace"/> (10 windows of 100 steps: 1 000 steps).</summary>
    public const int SmoothingWindows = 10;

    /// <summary>The time <paramref name="run"/> needs to reach <paramref name="baseline"/>'s final train loss, and the ratio.</summary>
    public static TimeToTargetResult Compute(RunRecord baseline, RunRecord run)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(run);
        var source = baseline.LossTrace.Count > 0 && run.LossTrace.Count > 0 ? LossCurveSource.SmoothedLossTrace : LossCurveSource.Epochs;
        return Compute(baseline, run, source);
    }

    /// <summary>As <see cref="Compute(RunRecord, RunRecord)"/> on the given series.</summary>
    public static TimeToTargetResult Compute(RunRecord baseline, RunRecord run, LossCurveSource source)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(run);
        var (baseTimes, baseLosses) = Curve(baseline, source);
        if (baseTimes.Length == 0 || !double.IsFinite(baseLosses[^1]))
            return new(source, null, baseTimes.Length == 0 ? null : baseTimes[^1], null, null);
        var target = baseLosses[^1];
        var total = baseTimes[^1];
        var (times, losses) = Curve(run, source);
        var seconds = SecondsToReach(times, losses, target);
        double? ratio = seconds is { } s && total > 0 ? s / total : null;
        return new(source, target, total, seconds, ratio);
    }

    /// <summary>
    /// The first time the piecewise-linear curve (<paramref name="times"/>, <paramref name="losses"/>)
    /// is at or below <paramref name="target"/>, or null if it never is (see the remarks of <see cref="TimeToTarget"/>).
    /// </summary>
    public static double? SecondsToReach(ReadOnlySpan<double> times, ReadOnlySpan<double> losses, double target)
    {
        if (times.Length != losses.Length)
            throw new ArgumentException($"{times.Length} times but {losses.Length} losses.", nameof(losses));
        for (var i = 0; i < losses.Length; i++)
        {
            if (!(losses[i] <= target)) continue;
            if (i == 0 || !double.IsFinite(losses[i - 1]) || !(losses[i - 1] > losses[i])) return times[i];
            var fraction = (losses[i - 1] - target) / (losses[i - 1] - losses[i]);
            return times[i - 1] + (times[i] - times[i - 1]) * fraction;
        }
        return null;
    }

    /// <summary>The train loss against cumulative wall seconds, from the loss trace or the per-epoch losses.</summary>
    public static (double[] Times, double[] Losses) Curve(RunRecord run, LossCurveSource source)
    {
        var times = new List<double>();
        var losses = new List<double>();
        if (source == LossCurveSource.SmoothedLossTrace)
        {
            // trailing sample-weighted mean over the last SmoothingWindows windows
            var trace = run.LossTrace;
            for (var i = 0; i < trace.Count; i++)
            {
                double sum = 0, samples = 0;
                for (var j = Math.Max(0, i - SmoothingWindows + 1); j <= i; j++)
                {
                    sum += trace[j].TrainLoss * trace[j].Samples;
                    samples += trace[j].Samples;
                }
                times.Add(trace[i].WallSeconds);
                losses.Add(samples > 0 ? sum / samples : double.NaN);
            }
        }
        else if (source == LossCurveSource.LossTrace)
        {
            foreach (var p in run.LossTrace)
            {
                times.Add(p.WallSeconds);
                losses.Add(p.TrainLoss);
            }
        }
        else
        {
            foreach (var e in run.Epochs)
            {
                times.Add(e.WallSeconds);
                losses.Add(e.TrainLoss);
            }
        }
        return (times.ToArray(), losses.ToArray());
    }
}
