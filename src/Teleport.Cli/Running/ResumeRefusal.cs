using System;
using Teleport.Cli.Options;
using Teleport.Data;
using Teleport.Records;
using Teleport.Training;

namespace Teleport.Cli.Running;

/// <summary>
/// What a checkpoint that does not continue this command's run (<see cref="CheckpointMismatchException"/>) means for the
/// user. The trainer compares the checkpoint's <c>run.identity</c> — every option that decides the numbers
/// (<see cref="RunIdentity"/>) — with this command's first, then its own settings and the data. So the command line is at
/// fault (exit 2) only where it can differ: an option in the identity, fewer <c>--epochs</c>, other data. A trainer setting
/// the identity fixes (the model's parameter count, batch size, seed, order, the optimizer and all its settings — the tool
/// sets none but <c>--lr</c> and <c>--momentum</c>) that differs once the identity matched, or an identity key that no run
/// of this kind writes, is the file contradicting itself: a data error naming trainer.json and the field (exit 1). A
/// bad-input sweep had shown <c>parameter_count 12805</c> as "--model 12805" and an unknown key as an option, both exit 2.
/// </summary>
internal static class ResumeRefusal
{
    /// <summary>The exception to throw for <paramref name="e"/>, raised resuming a run whose identity is <paramref name="identity"/>.</summary>
    public static Exception Of(CheckpointMismatchException e, RunSettings s, RecordFields identity)
    {
        if (e.Place.StartsWith("run.identity.", StringComparison.Ordinal))
        {
            if (identity.ContainsKey(e.Field)) return Usage(e, s);
            // Every key this command's run has matched, and the arm is in them (--teleport, --control): a key beyond them
            // was not written by this tool for such a run.
            return Edited(e, RunIdentity.IsKnown(e.Field)
                ? $"run.identity has {e.Field} {e.Saved}, which a run with this command's --teleport and --control does not record"
                : $"run.identity has an unknown key \"{e.Field}\", which no teleport run records");
        }
        if (e.Field is "epochs" or "training_samples" or "training_data" or "test_data") return Usage(e, s);
        var option = RunIdentity.OptionOf(e.Field);
        if (e.Field == "parameter_count")
            return Edited(e, $"parameter_count {e.Saved}, but model {s.Model} has {e.Current} parameters, and its run.identity records --model {s.Model}");
        return Edited(e, identity.TryGetValue(option, out var value)
            ? $"{e.Place} is {e.Saved}, but its run.identity records {option} {value}, which makes it {e.Current}"
            : $"{e.Place} is {e.Saved}, but teleport's {OptimizerFields.KindName(s.Optimizer)} has {e.Current} (no option sets it)");
    }

    private static TeleportDataException Edited(CheckpointMismatchException e, string problem) =>
        new(e.FilePath, problem + ": the checkpoint contradicts itself (an edited file?); resume from an intact checkpoint or start a new --checkpoint folder", null, e);

    /// <summary>Named by option: the checkpoint's run and this command line differ in a setting that decides the numbers.</summary>
    private static UsageException Usage(CheckpointMismatchException e, RunSettings s)
    {
        var option = RunIdentity.OptionOf(e.Field);
        var notRecorded = e.Saved == CheckpointMismatchException.NotRecorded;
        var what = option == "--data"
            ? $"was trained on other data ({e.Field} {e.Saved}; this command's data: {e.Current}): --data, --split-seed or the files differ"
            : notRecorded
                ? $"does not record {option} (it was written before {option} was part of a run's identity), so it cannot show that this command's {option} {e.Current} is the run's"
                : $"was written with {option} {e.Saved}, but this command has {option} {e.Current}";
        var fix = option == "--epochs" ? "resume with at least as many --epochs"
            : notRecorded ? "resume it with the version of teleport that wrote it" : "resume with the run's own settings";
        return new UsageException($"--resume: the checkpoint in {s.CheckpointDirectory} {what}; {fix}, or start a new --checkpoint folder.");
    }
}
