using System.Globalization;
using Teleport.Records;

namespace Teleport.Cli.Output;

/// <summary>The end of a <c>train</c> run: the per-epoch table and the final numbers.</summary>
internal static class RunSummary
{
    public static void Render(ConsoleOutput output, RunRecord record)
    {
        var table = new TextTable("epoch", "train_loss", "test_loss", "test_acc", "grad_norm_sq", "wall", "teleports");
        foreach (var e in record.Epochs)
        {
            var teleports = e.Extra.TryGetValue("teleports", out var t) ? t.ToString()
                : e.Extra.TryGetValue("control_points", out var p) ? p + " (control)"
                : "-";
            table.Row(e.Epoch.ToString(CultureInfo.InvariantCulture), Format.Loss(e.TrainLoss), Format.Loss(e.TestLoss),
                Format.Percent(e.TestAccuracy), Format.General(e.GradNormSquared), Format.Seconds(e.WallSeconds), teleports);
        }
        output.Line();
        table.Render(output);
        if (record.Epochs.Count == 0) return;
        var last = record.Epochs[^1];
        output.Line(string.Create(CultureInfo.InvariantCulture,
            $"final: train_loss {Format.Loss(last.TrainLoss)}, test_loss {Format.Loss(last.TestLoss)}, test accuracy {Format.Percent(last.TestAccuracy)}, training time {Format.Seconds(last.WallSeconds)}, {record.Teleports.Count} teleports"));
        if (StalledTeleports.Note(record) is { } note) output.Line(note);
    }
}
