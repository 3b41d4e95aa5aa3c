using System.Globalization;
using Teleport.Cli.Output;
using Teleport.Records;

namespace Teleport.Cli.Reports.Markdown;

/// <summary>A time-to-target result in plain words: the ratio, and what it means in training time.</summary>
internal static class TimeToTargetText
{
    /// <summary>One line for <paramref name="arm"/>: "ratio 0.915: it reached the baseline's final train loss … 8.5% less training time."</summary>
    public static string Reading(ReportArm arm, TimeToTargetResult t)
    {
        var c = CultureInfo.InvariantCulture;
        if (t.TargetLoss is not { } target || t.BaselineSeconds is not { } total)
            return $"**{MarkdownText.Inline(arm.Name)}**: no ratio — the baseline has no finite final train loss to aim for.";
        if (t.Ratio is not { } ratio || t.Seconds is not { } seconds)
        {
            return string.Create(c,
                $"**{MarkdownText.Inline(arm.Name)}**: never reached the baseline's final train loss {Format.Loss(target)} in its {ReportNumbers.Seconds(arm.Run.TotalWallSeconds)} s of training (no ratio).");
        }
        var change = ratio < 1 ? $"{ReportNumbers.Percent(1 - ratio)} less training time than the baseline"
            : ratio >= 2 ? string.Create(CultureInfo.InvariantCulture, $"{ratio:0.#}× the baseline's training time")
            : ratio > 1 ? $"{ReportNumbers.Percent(ratio - 1)} more training time than the baseline"
            : "the same training time as the baseline";
        return string.Create(c,
            $"**{MarkdownText.Inline(arm.Name)}**: ratio **{Format.Ratio(ratio)}** — it reached the baseline's final train loss {Format.Loss(target)} after {ReportNumbers.Seconds(seconds)} s of training, against the baseline's {ReportNumbers.Seconds(total)} s: {change}.");
    }

    /// <summary>Which loss series the ratios were measured on.</summary>
    public static string Source(TimeToTargetResult t, double? traceInterval) => t.Source == LossCurveSource.SmoothedLossTrace
        ? "Measured on the smoothed loss trace (the trailing mean of the last 10 windows of " + (traceInterval is { } w ? w.ToString(CultureInfo.InvariantCulture) + " " : "") + "steps, against cumulative training time)"
          + ", interpolated between points, so one noisy window cannot decide it; teleport time counts, evaluation does not. Below 1 is faster than the baseline."
        : t.Source == LossCurveSource.LossTrace
        ? "Measured on the loss trace (the mean train loss of every " + (traceInterval is { } n ? n.ToString(CultureInfo.InvariantCulture) + " " : "") + "steps, against cumulative training time)"
          + ", interpolated between points; teleport time counts, evaluation does not. Below 1 is faster than the baseline."
        : "Measured on the per-epoch train loss against cumulative training time, interpolated between epochs; teleport time counts, evaluation does not. Below 1 is faster than the baseline.";
}
