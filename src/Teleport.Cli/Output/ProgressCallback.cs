using System;
using System.Globalization;
using Spectre.Console;
using Teleport.Records;
using Teleport.Training;

namespace Teleport.Cli.Output;

/// <summary>
/// Advances a terminal progress bar every few steps (off the training clock), and writes one plain line per
/// epoch through <see cref="ConsoleOutput"/> (after evaluation, off the clock).
/// </summary>
internal sealed class ProgressCallback(ConsoleOutput output, string label, long totalSteps, int epochs) : ITrainingObserver
{
    private ProgressTask? _task;
    private long _shown;
    private readonly long _every = Math.Max(1, totalSteps / 400);

    /// <summary>The bar's label (the run's arm).</summary>
    public string Label => label;

    /// <summary>Optimizer steps of the whole run (the bar's length).</summary>
    public long TotalSteps => totalSteps;

    /// <summary>Binds the terminal progress task (none when piped).</summary>
    public void Attach(ProgressTask task) => _task = task;

    public void OnTrainingStart(TrainingContext context) => Show(context.GlobalStep);

    public void OnBatchEnd(TrainingContext context)
    {
        if (_task is null || context.GlobalStep - _shown < _every) return;
        context.PauseClock();
        Show(context.GlobalStep);
        context.ResumeClock();
    }

    public void OnEpochEnd(TrainingContext context, EpochRecord record)
    {
        Show(context.GlobalStep);
        output.Line(EpochLine(label, record, epochs));
    }

    /// <summary>"[arm] epoch 2/3 (no prefix for an empty label): train_loss … test_loss … test_acc …% grad_norm_sq … wall …s teleports n".</summary>
    public static string EpochLine(string label, EpochRecord record, int epochs)
    {
        var c = CultureInfo.InvariantCulture;
        var prefix = label.Length == 0 ? "" : $"[{label}] ";
        var text = string.Create(c, $"{prefix}epoch {record.Epoch}/{epochs}: train_loss {Format.Loss(record.TrainLoss)}  test_loss {Format.Loss(record.TestLoss)}  test_acc {Format.Percent(record.TestAccuracy)}  grad_norm_sq {Format.General(record.GradNormSquared)}  wall {Format.Seconds(record.WallSeconds)}");
        if (record.Extra.TryGetValue("teleports", out var teleports)) text += string.Create(c, $"  teleports {teleports}");
        if (record.Extra.TryGetValue("teleports_kept", out var kept)) text += string.Create(c, $" ({kept} kept)");
        if (record.Extra.TryGetValue("control_points", out var points)) text += string.Create(c, $"  control_points {points}");
        return text;
    }

    private void Show(long step)
    {
        if (_task is null) return;
        _task.Value = step;
        _shown = step;
    }
}
