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

/// <summary><c>teleport train</c>: one run, plain or with teleports (or the control arm); a run record with <c>--out</c>.</summary>
internal static class TrainCommand
{
    public static Command Create(CliHost host)
    {
        var options = new RunOptions(checkpointing: true);
        var command = new Command("train", "Train a model on a data set, with or without symmetry teleportation, and write its run record.");
        options.AddTo(command);
        command.SetAction(result => CommandErrors.Guard(host, () =>
            Execute(host, SettingsBinder.Bind(options, result, teleportRequired: false), result.GetValue(options.Report), result.GetValue(options.SaveModel))));
        return command;
    }

    private static int Execute(CliHost host, RunSettings s, string? report, string? saveModel)
    {
        // Check the report folder before training, so that a bad --report fails in a second, not after the run.
        if (report is not null) ReportFolder.Check(report, s.Out);
        var output = new ConsoleOutput(host);
        var (entry, data) = DataRequest.Load(s, host, output);
        var arm = s.Control ? RunArm.Control : s.Teleport ? RunArm.Teleport : RunArm.Baseline;
        var run = new TrainingRun("train", arm, "", s, entry, data, output);
        output.Line(RunDescription.Headline("train", s, data, run.Optimizer.LearningRate));
        if (arm != RunArm.Baseline) output.Line((arm == RunArm.Control ? "control arm (no teleport) at the points of " : "") + RunDescription.Teleport(s));
        if (s.Resume) Resume(run, s, output);

        var status = run.Run(output);
        if (status == TrainingStatus.Canceled)
        {
            var where = s.CheckpointDirectory is { } dir ? $"; a checkpoint is in {dir}: continue with --resume" : "";
            output.Notice(string.Create(CultureInfo.InvariantCulture, $"training stopped after step {run.Trainer.GlobalStep}{where}; no run record written"));
            return ExitCodes.Interrupted;
        }

        var record = run.Record();
        RunSummary.Render(output, record);
        if (s.Out is { } path)
        {
            RunRecordJson.Write(path, record);
            output.Line($"wrote {path}");
        }
        if (saveModel is not null)
        {
            Teleport.Serialization.SafeTensors.WriteParameters<float>(saveModel, run.Model.Info, run.Model.Parameters);
            output.Line($"wrote {saveModel}");
        }
        if (report is not null) ReportCommand.Written(host, report, ReportWriter.Write(ReportInput.FromRun(record), report));
        return ExitCodes.Success;
    }

    private static void Resume(TrainingRun run, RunSettings s, ConsoleOutput output)
    {
        var trainer = run.Trainer;
        if (!trainer.TryResume())
        {
            output.Line($"no checkpoint in {s.CheckpointDirectory}: starting from the beginning");
            return;
        }
        output.Line(string.Create(CultureInfo.InvariantCulture,
            $"resumed from {Checkpoints.FindLatest(s.CheckpointDirectory!)} at epoch {trainer.EpochIndex + 1}, batch {trainer.BatchIndex}, step {trainer.GlobalStep}"));
    }
}
