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
        var output = new ConsoleOutput(host);
        var (entry, data) = RunPreparation.Prepare(s, report, saveModel, host, output);
        // One run per checkpoint folder: a second one would prune and replace the first one's checkpoints.
        using var claim = s.CheckpointDirectory is { } folder ? Checkpoints.Claim(folder) : null;
        var arm = s.Control ? RunArm.Control : s.Teleport ? RunArm.Teleport : RunArm.Baseline;
        var run = new TrainingRun("train", arm, "", s, entry, data, output);
        output.Line(RunDescription.Headline("train", s, data, run.Optimizer.LearningRate));
        if (arm != RunArm.Baseline) output.Line(arm == RunArm.Control ? RunDescription.Control(s) : RunDescription.Teleport(s, data.Train.Count));
        if (s.Resume) Resume(run, s, output);

        var status = run.Run(output);
        if (status == TrainingStatus.Canceled)
        {
            var where = s.CheckpointDirectory is { } dir ? $"; a checkpoint is in {dir}: continue with --resume" : "";
            output.Notice(string.Create(CultureInfo.InvariantCulture, $"training stopped after step {run.Trainer.GlobalStep}{where}; no run record written"));
            return ExitCodes.Interrupted;
        }
        if (status == TrainingStatus.Diverged) return Diverged(output, "", run, s);

        var record = run.Record();
        RunSummary.Render(output, record);
        new RunOutputs()
            .File("--out", s.Out, stream => stream.Write(RunRecordJson.ToUtf8Bytes(record)))
            .File("--save-model", saveModel, stream => Teleport.Serialization.SafeTensors.Write(stream, Teleport.Serialization.SafeTensors.ParameterTensors<float>(run.Model.Info, run.Model.Parameters)))
            .Write(output, report is null ? null : () => ReportCommand.Line(report, ReportWriter.Write(ReportInput.FromRun(record), report)));
        return ExitCodes.Success;
    }

    /// <summary>
    /// The one line that says a run diverged, where, and what was kept (exit code 3): no record, model or report —
    /// their numbers would be NaN — and the checkpoints written before it.
    /// </summary>
    public static int Diverged(ConsoleOutput output, string arm, TrainingRun run, RunSettings s)
    {
        var where = s.CheckpointDirectory is { } dir && Checkpoints.FindLatest(dir) is { } latest
            ? $"; the last checkpoint before it is {latest}"
            : "";
        output.Notice(string.Create(CultureInfo.InvariantCulture,
            $"training diverged{arm}: {run.Trainer.Divergence} with {OptimizerFields.KindName(s.Optimizer)} lr {run.Optimizer.LearningRate:G4}{Suspect(run.Optimizer.Settings)}; nothing was written{where}"));
        return ExitCodes.Diverged;
    }

    /// <summary>
    /// What to change: a momentum of 1 or more, which makes the velocity grow without bound whatever the learning rate
    /// (the hint used to blame --lr alone), else the learning rate.
    /// </summary>
    private static string Suspect(Teleport.Optimizers.OptimizerSettings settings) =>
        settings.Momentum is >= 1 and var m
            ? string.Create(CultureInfo.InvariantCulture, $", momentum {m:G4} (a momentum of 1 or more grows the velocity without bound: try --momentum below 1)")
            : " (try a lower --lr)";

    private static void Resume(TrainingRun run, RunSettings s, ConsoleOutput output)
    {
        var trainer = run.Trainer;
        bool resumed;
        try
        {
            resumed = trainer.TryResume();
        }
        catch (CheckpointMismatchException e)
        {
            throw ResumeRefusal.Of(e, s, trainer.Options.RunIdentity);
        }
        if (!resumed)
        {
            output.Line($"no checkpoint in {TerminalText.Path(s.CheckpointDirectory ?? "")}: starting from the beginning");
            return;
        }
        output.Line(string.Create(CultureInfo.InvariantCulture,
            $"resumed from {Checkpoints.FindLatest(s.CheckpointDirectory!)} at epoch {trainer.EpochIndex + 1}, batch {trainer.BatchIndex}, step {trainer.GlobalStep}"));
    }
}
