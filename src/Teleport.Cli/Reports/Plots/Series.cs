using System.Collections.Generic;
using System.Linq;
using Teleport.Records;

namespace Teleport.Cli.Reports.Plots;

/// <summary>Points of a curve with the non-finite ones left out (a diverged loss must not break a plot).</summary>
internal static class Series
{
    /// <summary>The pairs whose both coordinates are finite.</summary>
    public static (double[] Xs, double[] Ys) Finite(IReadOnlyList<double> xs, IReadOnlyList<double> ys)
    {
        var x = new List<double>(xs.Count);
        var y = new List<double>(ys.Count);
        for (var i = 0; i < xs.Count && i < ys.Count; i++)
        {
            if (!double.IsFinite(xs[i]) || !double.IsFinite(ys[i])) continue;
            x.Add(xs[i]);
            y.Add(ys[i]);
        }
        return (x.ToArray(), y.ToArray());
    }

    /// <summary>
    /// The train loss against cumulative training time: the loss trace (<paramref name="source"/> LossTrace, when the
    /// run has one) or the per-epoch train loss.
    /// </summary>
    public static (double[] Seconds, double[] Losses) LossByTime(RunRecord run, LossCurveSource source)
    {
        var (times, losses) = TimeToTarget.Curve(run, run.LossTrace.Count > 0 ? source : LossCurveSource.Epochs);
        return Finite(times, losses);
    }

    /// <summary>The curve source of a report: the comparison's, else the loss trace when the run has one.</summary>
    public static LossCurveSource Source(ReportInput input) =>
        input.Compare?.TimeToTarget.Source
        ?? (input.Arms.All(a => a.Run.LossTrace.Count > 0) ? LossCurveSource.SmoothedLossTrace : LossCurveSource.Epochs);
}
