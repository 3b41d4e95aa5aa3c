using System;
using System.IO;
using System.Linq;
using System.Threading;
using Teleport.Cli.Models;
using Teleport.Records;
using Teleport.Teleportation;
using Teleport.Training;

namespace Teleport.Cli.Tests;

/// <summary>
/// Ctrl+C or SIGTERM while <c>train</c> or <c>compare</c> is inside a teleport — its ascent or its look-ahead — ends the
/// run at once with the teleport point undone (stop 38; the runtime's TeleportCancelTests place the stop exactly): one
/// line on stderr, exit code 130, no record, report or temporary file, and for <c>train</c> a checkpoint of the state
/// before the point that resumes to the uninterrupted run's numbers. The stop is requested from inside the teleport by
/// the model itself (<see cref="StoppingPaperMlp"/>, through <see cref="CliHost.CreateModel"/>), so nothing depends on
/// timing.
/// </summary>
public sealed class StopInsideATeleportTests
{
    private const int TeleportBatch = 60;

    /// <summary>The second teleport of the run (step 1: <c>--teleport-count 2</c> teleports at steps 0 and 1), after one that was recorded.</summary>
    private const int Point = 2;

    /// <summary>The settings a resumed run's record states differently: its own paths and <c>resume</c>.</summary>
    private static readonly string[] ResumeDifferences = ["out", "checkpoint", "resume"];

    private static string[] TeleportArgs(string lookahead) =>
        ["--teleport-epochs", "1", "--teleport-count", "2", "--teleport-every", "7", "--teleport-batch", TeleportBatch.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--teleport-lookahead", lookahead, "--teleport-lr", "0.5", "--epochs", "2", "--optimizer", "adam", "--optimizer-state", "transport", "--shuffle"];

    [Theory]
    [InlineData(StopPhase.Ascent, "0")]
    [InlineData(StopPhase.Ascent, "2")]
    [InlineData(StopPhase.Lookahead, "2")]
    public void TrainStopsInsideATeleportWithACheckpointThatResumesToTheUninterruptedRun(StopPhase phase, string lookahead)
    {
        using var dir = new TempFolder();
        string[] Args(string name) => Small.Args("train", Small.Synthetic, TeleportArgs(lookahead), ["--checkpoint", dir.File(name), "--out", dir.File(name + ".json")]);

        CliRun.Of(Args("whole")).Succeeded();
        var whole = RunRecordJson.Read(dir.File("whole.json"));
        var target = TargetTeleport(whole, phase);

        var stopped = RunStoppedInside(phase, Args("parts"));
        Assert.True(stopped.Model.Fired, "the model did not reach the teleport point");
        // neither another look-ahead step nor the trainer's step ran after the request
        Assert.Equal(0, stopped.Model.TrainingGradientsAfterStop);
        Assert.Equal(ExitCodes.Interrupted, stopped.Run.ExitCode);
        // Step S is the teleport's: had the point finished, the trainer would have taken step S + 1 before seeing the token.
        Assert.Equal($"teleport: training stopped after step {target.Step}; a checkpoint is in {dir.File("parts")}: continue with --resume; no run record written",
            stopped.Run.Error.Trim());
        Assert.False(File.Exists(dir.File("parts.json")));
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path, "*tmp*", SearchOption.AllDirectories));
        var checkpoint = Checkpoints.FindLatest(dir.File("parts"))!;
        Assert.EndsWith($"-step-{target.Step:D12}", checkpoint);

        var resumed = CliRun.Of([.. Args("parts"), "--resume"]).Succeeded();
        Assert.Contains($"step {target.Step}", resumed.Out);
        var end = (Whole: Checkpoints.FindLatest(dir.File("whole"))!, Parts: Checkpoints.FindLatest(dir.File("parts"))!);
        // the same last step (the parts' folder is numbered one further: it also holds the checkpoint of the stop)
        Assert.Equal(Path.GetFileName(end.Whole)[^16..], Path.GetFileName(end.Parts)[^16..]);
        foreach (var file in new[] { Checkpoints.ModelFileName, Checkpoints.OptimizerFileName })
            Assert.Equal(File.ReadAllBytes(Path.Combine(end.Whole, file)), File.ReadAllBytes(Path.Combine(end.Parts, file)));
        Assert.Equal(RecordText.WithoutTimes(CliRun.Json(dir.File("whole.json")), ResumeDifferences), RecordText.WithoutTimes(CliRun.Json(dir.File("parts.json")), ResumeDifferences));
    }

    [Theory]
    [InlineData(StopPhase.Ascent, "0")]
    [InlineData(StopPhase.Lookahead, "2")]
    public void CompareStopsInsideATeleportAndWritesNothing(StopPhase phase, string lookahead)
    {
        using var dir = new TempFolder();
        string[] args = Small.Args("compare", Small.Synthetic, TeleportArgs(lookahead), ["--out", dir.File("compare.json"), "--report", dir.File("report")]);

        var stopped = RunStoppedInside(phase, args);

        Assert.True(stopped.Model.Fired, "the model did not reach the teleport point");
        // neither another look-ahead step nor the trainer's step ran after the request
        Assert.Equal(0, stopped.Model.TrainingGradientsAfterStop);
        Assert.Equal(ExitCodes.Interrupted, stopped.Run.ExitCode);
        Assert.Equal("teleport: compare stopped during the teleport run; no record written", stopped.Run.Error.Trim());
        Assert.Contains("[baseline] epoch 2/2", stopped.Run.Out);
        Assert.DoesNotContain("[teleport] epoch", stopped.Run.Out);
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    /// <summary>The uninterrupted run's teleport at <see cref="Point"/>, checked to be one the stop lands inside.</summary>
    private static TeleportEvent TargetTeleport(RunRecord whole, StopPhase phase)
    {
        Assert.True(whole.Teleports.Count >= Point, $"{whole.Teleports.Count} teleports");
        // Every teleport up to the target moved (so each applied group actions, which is how the model counts them).
        Assert.All(whole.Teleports.Take(Point), t => Assert.True(t.StepsTaken >= 1, $"teleport at step {t.Step} took no step"));
        var target = whole.Teleports[Point - 1];
        if (phase == StopPhase.Ascent)
            // the token fires during the first step; the ascent sees it before its second
            Assert.True(target.StepsTaken >= 2, $"the teleport at step {target.Step} took {target.StepsTaken} steps");
        else
            Assert.True(target.Extra.ContainsKey("lookahead_loss_plain"), "the teleport had no look-ahead");
        return target;
    }

    private static (CliRun Run, StoppingPaperMlp Model) RunStoppedInside(StopPhase phase, string[] args)
    {
        using var cancel = new CancellationTokenSource();
        using var output = new StringWriter();
        using var error = new StringWriter();
        StoppingPaperMlp? teleporting = null;
        var host = new CliHost(output, error, false, CliRun.NoFashionMnist, cancel.Token)
        {
            CreateModel = entry =>
            {
                Assert.Equal("paper-mlp", entry.Name);
                var model = new StoppingPaperMlp(cancel, Point, phase, TeleportBatch);
                // compare makes one model per arm; only the teleport arm applies group actions
                teleporting = model;
                return model;
            },
        };
        var code = TeleportCli.Run(args, host);
        return (new CliRun(code, output.ToString(), error.ToString()), teleporting!);
    }
}

/// <summary>Where in a teleport point the stop is requested.</summary>
public enum StopPhase
{
    /// <summary>At the point's first group action: the first ascent step completes, and the check before the next one sees the token.</summary>
    Ascent,

    /// <summary>At the look-ahead's first training-batch gradient after the point's ascent: the look-ahead's next check sees it.</summary>
    Lookahead,
}

/// <summary>
/// <c>paper-mlp</c> that cancels the run's token inside its <c>point</c>-th teleport point. A point begins with a group
/// action after a gradient on a training batch, and its ascent evaluates only teleport batches (<c>teleportBatch</c>
/// samples); the first gradient on another batch after it is the look-ahead's first step (or, without one, the
/// trainer's step).
/// </summary>
internal sealed class StoppingPaperMlp(CancellationTokenSource cancel, int point, StopPhase phase, int teleportBatch)
    : PaperMlp, ITeleportable<float>, IDifferentiableModel<float>
{
    private int _points;
    private bool _teleporting;

    /// <summary>Whether the token was cancelled.</summary>
    public bool Fired { get; private set; }

    GroupActionResult ITeleportable<float>.ApplyGroupActionWithinDomain(int symmetry, Span<float> groupElement, ReadOnlySpan<float> inputs)
    {
        if (!_teleporting)
        {
            _teleporting = true;
            if (++_points == point && phase == StopPhase.Ascent) Fire();
        }
        return ApplyGroupActionWithinDomain(symmetry, groupElement, inputs);
    }

    /// <summary>Gradients on a training batch after the stop request: none when the run ends inside the teleport point.</summary>
    public int TrainingGradientsAfterStop { get; private set; }

    float IDifferentiableModel<float>.LossAndGradient(ReadOnlySpan<float> inputs, Targets<float> targets, Span<float> gradient)
    {
        var trainingBatch = inputs.Length != teleportBatch * Info.InputSize;
        if (trainingBatch && Fired) TrainingGradientsAfterStop++;
        if (trainingBatch && _teleporting)
        {
            _teleporting = false;
            if (_points == point && phase == StopPhase.Lookahead) Fire();
        }
        return LossAndGradient(inputs, targets.Labels, gradient); // paper-mlp is a classifier: its targets are labels
    }

    private void Fire()
    {
        Fired = true;
        cancel.Cancel();
    }
}
