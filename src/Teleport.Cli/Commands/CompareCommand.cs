using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using Teleport.Cli.Data;
using Teleport.Cli.Options;
using Teleport.Cli.Output;
using Teleport.Cli.Reports;
using Teleport.Cli.Running;
using Teleport.Records;
using Teleport.Training;

namespace Teleport.Cli.Commands;

/// <summary>
/// <c>teleport compare</c>: the same seed and data without teleports (baseline), with them (teleport), and —
/// when the optimizer-state policy is reset, or with <c>--control</c> — the control arm that resets at the
/// same points without teleporting; per-epoch losses and times side by side and the time-to-target ratios.
/// </summary>
internal static class CompareCommand
{
    public static Command Create(CliHost host)
    {
        var options = new RunOptions(checkpointing: false);
        var command = new Command("compare", "Train the same seed without teleport, with teleport and (for --optimizer-state reset, or with --control) the control arm that applies the optimizer-state policy at the teleport points without teleporting; compare losses and time to target.");
        options.AddTo(command);
        command.SetAction(result => CommandErrors.Guard(host, () => Execute(host, SettingsBinder.Bind(options, result, teleportRequired: true), result.GetValue(options.Report))));
        return command;
    }

    private static int Execute(CliHost host, RunSettings s, string? report)
    {
        var output = new ConsoleOutput(host);
        var (entry, data) = RunPreparation.Prepare(s, report, null, host, output);
        var arms = new List<RunArm> { RunArm.Baseline, RunArm.Teleport };
        if (s.Control || s.OptimizerState == OptimizerStatePolicy.Reset) arms.Add(RunArm.Control);
        var records = new List<RunRecord>();
        foreach (var arm in arms)
        {
            var name = TrainingRun.ArmName(arm);
            var run = new TrainingRun("compare", arm, name, s with { Control = arm == RunArm.Control }, entry, data, output);
            if (records.Count == 0)
            {
                output.Line(RunDescription.Headline("compare", s, data, run.Optimizer.LearningRate));
                output.Line(RunDescription.Teleport(s, data.Train.Count));
            }
            var status = run.Run(output);
            if (status == TrainingStatus.Canceled)
            {
                output.Notice($"compare stopped during the {name} run; no record written");
                return ExitCodes.Interrupted;
            }
            if (status == TrainingStatus.Diverged) return TrainCommand.Diverged(output, $" in the {name} run", run, s);
            records.Add(run.Record());
        }

        var compare = CompareRecord.Create(records[0], records[1], records.Count > 2 ? records[2] : null);
        Render(output, compare);
        new RunOutputs()
            .File("--out", s.Out, stream => stream.Write(CompareRecordJson.ToUtf8Bytes(compare)))
            .Write(output, report is null ? null : () => ReportCommand.Line(report, ReportWriter.Write(ReportInput.FromCompare(compare), report)));
        return ExitCodes.Success;
    }

    private static void Render(ConsoleOutput output, CompareRecord compare)
    {
        var runs = new List<(string Name, RunRecord Run)> { ("baseline", compare.Baseline), ("teleport", compare.Teleport) };
        if (compare.Control is { } control) runs.Add(("control", control));
        var headers = new List<string> { "epoch" };
        foreach (var (name, _) in runs) headers.AddRange([$"{name} train", $"{name} test", $"{name} acc", $"{name} wall"]);
        var table = new TextTable([.. headers]);
        for (var i = 0; i < compare.Baseline.Epochs.Count; i++)
        {
            var row = new List<string> { compare.Baseline.Epochs[i].Epoch.ToString(CultureInfo.InvariantCulture) };
            foreach (var (_, run) in runs)
            {
                var e = i < run.Epochs.Count ? run.Epochs[i] : null;
                row.AddRange(e is null ? ["-", "-", "-", "-"] : [Format.Loss(e.TrainLoss), Format.Loss(e.TestLoss), Format.Percent(e.TestAccuracy), Format.Seconds(e.WallSeconds)]);
            }
            table.Row([.. row]);
        }
        output.Line();
        table.Render(output);
        var t = compare.TimeToTarget;
        var source = t.Source switch
        {
            LossCurveSource.SmoothedLossTrace => "smoothed loss trace (trailing mean of 10 windows)",
            LossCurveSource.LossTrace => "loss trace",
            _ => "epochs",
        };
        output.Line(string.Create(CultureInfo.InvariantCulture,
            $"time to target (the baseline's final train loss {Format.Loss(t.TargetLoss)} on its {source}, reached in {Format.Seconds(t.BaselineSeconds ?? 0)}):"));
        output.Line($"  teleport: ratio {Format.Ratio(t.Ratio)}{Seconds(t)}");
        if (compare.ControlTimeToTarget is { } c) output.Line($"  control:  ratio {Format.Ratio(c.Ratio)}{Seconds(c)}");
        output.Line("  (below 1: reaches the baseline's final loss in less training time)");
        if (StalledTeleports.Note(compare.Teleport, "teleport") is { } note) output.Line(note);
    }

    private static string Seconds(TimeToTargetResult result) =>
        result.Seconds is { } s ? $" ({Format.Seconds(s)})" : "";
}
