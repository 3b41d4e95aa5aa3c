using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Teleport.Cli.Output;

namespace Teleport.Cli.Reports.Markdown;

// The per-epoch tables (one per arm) and the teleport table.
internal static partial class ReportMarkdown
{
    private static void EpochTables(StringBuilder text, ReportInput input)
    {
        text.Append("## Epochs\n\n");
        text.Append("Train loss: the mean of the epoch's mini-batch losses; test loss and accuracy: after the epoch; ‖∇L‖²: the mean squared norm of the mini-batch gradients; training time: cumulative, evaluation excluded.\n\n");
        foreach (var arm in input.Arms)
        {
            if (input.Arms.Count > 1) text.Append($"### {MarkdownText.Inline(arm.Name)}\n\n");
            var table = new MarkdownTable("epoch", "train loss", "test loss", "test accuracy", "‖∇L‖²", "training time (s)", "steps", "teleports").Text("teleports");
            foreach (var e in arm.Run.Epochs)
            {
                var teleports = e.Extra.TryGetValue("teleports", out var t) ? t.ToString()
                    : e.Extra.TryGetValue("control_points", out var p) ? p + " (control points)"
                    : "-";
                if (e.Extra.TryGetValue("teleports_kept", out var kept)) teleports += $" ({kept} kept)";
                table.Row(ReportNumbers.Integer(e.Epoch), Format.Loss(e.TrainLoss), Format.Loss(e.TestLoss), Format.Percent(e.TestAccuracy),
                    ReportNumbers.General(e.GradNormSquared), ReportNumbers.Seconds(e.WallSeconds), ReportNumbers.Integer(e.Steps), teleports);
            }
            if (table.Count == 0) text.Append("No epoch finished.\n\n");
            else table.AppendTo(text);
        }
    }

    private static void TeleportTable(StringBuilder text, IReadOnlyList<TeleportFacts> teleports, ReportInput input)
    {
        text.Append("## Teleports\n\n");
        if (teleports.Count == 0)
        {
            text.Append("No teleports in this record.\n\n");
            return;
        }
        text.Append(Summary(teleports, input)).Append("\n\n");
        var severalArms = teleports[0].Arm != teleports[^1].Arm;
        var headers = new List<string> { "#", "step", "epoch", "trigger", "loss before", "loss after", "relative drift", "‖∇L‖² before", "‖∇L‖² after", "gain", "steps taken", "stop", "kept", "time (ms)" };
        if (severalArms) headers.Insert(1, "arm");
        var table = new MarkdownTable([.. headers]).Text("arm", "trigger", "stop", "kept");
        foreach (var t in teleports)
        {
            var e = t.Event;
            var row = new List<string>
            {
                ReportNumbers.Integer(t.Index), ReportNumbers.Integer(e.Step), ReportNumbers.Integer(e.Epoch), t.Trigger ?? "-",
                Loss(e.LossBefore), Loss(e.LossAfter), ReportNumbers.Scientific(t.RelativeDrift),
                ReportNumbers.General(e.GradNormSquaredBefore), ReportNumbers.General(e.GradNormSquaredAfter), "×" + ReportNumbers.General(t.Gain),
                ReportNumbers.Integer(e.StepsTaken), t.StopReason ?? "-", t.Kept is { } k ? (k ? "yes" : "no") : "-", ReportNumbers.Milliseconds(e.Seconds),
            };
            if (severalArms) row.Insert(1, t.Arm);
            table.Row([.. row]);
        }
        table.AppendTo(text);
    }

    /// <summary>"8 teleports, 7 kept by the look-ahead; ‖∇L‖² gain median ×2.0 (×1.3 to ×5.8); relative loss drift at most 0 (tolerance 1e-5)."</summary>
    private static string Summary(IReadOnlyList<TeleportFacts> teleports, ReportInput input)
    {
        var c = CultureInfo.InvariantCulture;
        var gains = new List<double>();
        var maxDrift = 0.0;
        int kept = 0, known = 0;
        foreach (var t in teleports)
        {
            if (double.IsFinite(t.Gain)) gains.Add(t.Gain);
            // A teleport that stopped at a starting point that was not finite has no drift (NaN): the table shows it.
            if (double.IsFinite(t.RelativeDrift)) maxDrift = Math.Max(maxDrift, t.RelativeDrift);
            if (t.Kept is not { } k) continue;
            known++;
            if (k) kept++;
        }
        var line = new StringBuilder(string.Create(c, $"{Format.Count(teleports.Count, "teleport")}"));
        if (known > 0) line.Append(string.Create(c, $", {kept} kept by the look-ahead"));
        if (gains.Count > 0)
        {
            gains.Sort();
            var median = gains.Count % 2 == 1 ? gains[gains.Count / 2] : 0.5 * (gains[gains.Count / 2 - 1] + gains[gains.Count / 2]);
            line.Append($"; ‖∇L‖² gain: median ×{ReportNumbers.General(median)} (×{ReportNumbers.General(gains[0])} to ×{ReportNumbers.General(gains[^1])})");
        }
        line.Append($"; relative loss drift at most {ReportNumbers.Scientific(maxDrift)}");
        if (ReportInput.ConfigNumber(input.Primary.Run.Config, "teleport_options.loss_tolerance") is { } tolerance)
            line.Append($" (tolerance {ReportNumbers.Scientific(tolerance)})");
        return line.Append('.').ToString();
    }

    /// <summary>Teleport-batch losses to seven significant digits: before and after differ only far down.</summary>
    private static string Loss(double value) => double.IsFinite(value) ? value.ToString("G7", CultureInfo.InvariantCulture) : ReportNumbers.General(value);
}
