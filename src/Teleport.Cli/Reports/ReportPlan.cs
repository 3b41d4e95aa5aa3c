using System.Collections.Generic;
using Teleport.Cli.Reports.Plots;
using Teleport.Records;

namespace Teleport.Cli.Reports;

/// <summary>Which plots a report has, and a sentence for each plot it leaves out (so report.md can say why).</summary>
internal sealed class ReportPlan
{
    private ReportPlan(List<ReportPlot> plots, List<string> omitted, List<TeleportFacts> teleports)
    {
        Plots = plots;
        Omitted = omitted;
        Teleports = teleports;
    }

    public IReadOnlyList<ReportPlot> Plots { get; }

    public IReadOnlyList<string> Omitted { get; }

    /// <summary>Every teleport of the report, numbered.</summary>
    public IReadOnlyList<TeleportFacts> Teleports { get; }

    public static ReportPlan For(ReportInput input)
    {
        var plots = new List<ReportPlot>();
        var omitted = new List<string>();
        var teleports = TeleportFacts.Collect(input);
        if (LossByEpochPlot.Applies(input))
        {
            plots.Add(new(ReportFiles.LossByEpoch,
                "Train loss (solid: the mean of the epoch's mini-batch losses, taken as the model moved) and test loss (dashed: after the epoch), one colour per arm.",
                () => LossByEpochPlot.Render(input)));
        }
        else omitted.Add("No epoch finished: there is no loss to plot.");
        if (LossByTimePlot.Applies(input))
        {
            var source = Series.Source(input) switch
            {
                LossCurveSource.SmoothedLossTrace => "the smoothed loss trace (the mean train loss of the last 10 windows of steps)",
                LossCurveSource.LossTrace => "the loss trace (the mean train loss of every window of steps)",
                _ => "the per-epoch train loss",
            };
            var target = input.Compare is null ? "" : " The dashed line is the target, the baseline's final train loss; a diamond marks where an arm first reaches it, the dotted line the baseline's training time.";
            plots.Add(new(ReportFiles.LossByTime, $"Train loss against cumulative training time (teleports included, evaluation excluded), from {source}.{target}",
                () => LossByTimePlot.Render(input)));
        }
        if (teleports.Count == 0)
        {
            omitted.Add("No teleports in this record: the ‖∇L‖² ascent plot and the loss-drift plot are left out.");
            return new ReportPlan(plots, omitted, teleports);
        }
        if (AscentTracePlot.Applies(teleports))
        {
            var severalArms = teleports[0].Arm != teleports[^1].Arm;
            plots.Add(new(ReportFiles.TeleportGradNorm,
                "‖∇L‖² on each teleport's batch before the ascent (step 0) and after each accepted group-ascent step, log scale; dashed lines are teleports the look-ahead did not keep.",
                () => AscentTracePlot.Render(teleports, severalArms)));
        }
        else omitted.Add("The teleports carry no `grad_norm_sq_trace`: the ‖∇L‖² ascent plot is left out.");
        var tolerance = ReportInput.ConfigNumber(input.Primary.Run.Config, "teleport_options.loss_tolerance");
        plots.Add(new(ReportFiles.TeleportLossDrift,
            "Each teleport's relative loss drift |L_after − L_before| / |L_before| on its batch, log scale" + (tolerance is null ? "." : ", with the teleporter's loss tolerance.")
            + " A drift of exactly 0 is drawn on the row labelled 0.",
            () => LossDriftPlot.Render(teleports, tolerance)));
        return new ReportPlan(plots, omitted, teleports);
    }
}
