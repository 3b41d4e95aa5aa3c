using System;
using System.Linq;
using Teleport.Optimizers;
using Teleport.Runtime.Tests.Training;
using Teleport.Training;

namespace Teleport.Runtime.Tests.Reliability;

/// <summary>
/// AdaGrad's sum of g² overflows float from finite gradients while the loss, ‖∇L‖² (each step's below float's range) and
/// the parameters stay finite. The parameter then steps by g/√∞ = 0 for the rest of the run, silently, and a checkpoint of
/// that state is refused on resume ("no step of a run that stops on divergence produces" it). A run that stops on
/// divergence now stops there, naming the buffer.
/// </summary>
public sealed class OptimizerStateDivergenceTests
{
    [Fact]
    public void AnOverflowedAdaGradSumStopsTheRunNamingTheBuffer()
    {
        var (trainer, model, optimizer) = Overflowing(TeleportTestSetup.Options(epochs: 6));

        TrainingStatus status = trainer.Run();

        Assert.Equal(TrainingStatus.Diverged, status);
        TrainingDivergence divergence = Assert.IsType<TrainingDivergence>(trainer.Divergence);
        Assert.Equal("optimizer state \"sum\"", divergence.Quantity);
        Assert.True(double.IsPositiveInfinity(divergence.Value), divergence.ToString());
        Assert.StartsWith("the optimizer state \"sum\" became +∞ at epoch ", divergence.ToString());
        Assert.NotNull(OptimizerStateValues.FindImpossible(optimizer.SaveState()));
        // the epochs recorded before it had a finite state; the one it was found at the end of is not recorded
        Assert.Equal(divergence.Epoch - 1, trainer.History.Epochs.Count);
        Assert.All(model.Parameters.ToArray(), value => Assert.True(float.IsFinite(value)));
    }

    [Fact]
    public void NoCheckpointIsWrittenOfAnOverflowedState()
    {
        using var dir = new Data.TempDirectory();
        var (trainer, _, _) = Overflowing(TeleportTestSetup.Options(epochs: 6, checkpoints: dir.Path));

        Assert.Equal(TrainingStatus.Diverged, trainer.Run());
        TrainingDivergence divergence = trainer.Divergence!;
        Assert.Equal("optimizer state \"sum\"", divergence.Quantity);
        Assert.Equal(0, divergence.GlobalStep % 5); // found at an interval checkpoint (every 5 steps), before writing it

        // every checkpoint written resumes (a state holding ∞ was refused: "no step of a run that stops on divergence produces")
        string? latest = Checkpoints.FindLatest(dir.Path);
        Assert.NotNull(latest);
        var (resumed, _, _) = Overflowing(TeleportTestSetup.Options(epochs: 6, checkpoints: dir.Path));
        Assert.True(resumed.TryResume());
        Assert.True(resumed.GlobalStep < divergence.GlobalStep);
    }

    /// <summary>One first-layer weight set to 1e20 after 5 steps: gradients near 1e19 on the weights it feeds, every step.</summary>
    private static (Trainer Trainer, TeleportTestMlp Model, Optimizer<float> Optimizer) Overflowing(TrainerOptions options)
    {
        TeleportTestMlp model = TeleportTestSetup.Model();
        Optimizer<float> optimizer = TeleportTestSetup.Optimizer(OptimizerKind.AdaGrad);
        var injected = false;
        var probe = new BatchStartProbe(c =>
        {
            if (c.GlobalStep != 5 || injected) return;
            injected = true;
            c.Model.Parameters[3] = 1e20f;
        });
        return (new Trainer(model, optimizer, TeleportTestSetup.Data.Train, TeleportTestSetup.Data.Test, options, [probe]), model, optimizer);
    }
}
