using System;
using Teleport.Optimizers;
using Teleport.Teleportation;
using Teleport.Training;

namespace Teleport.Runtime.Tests.Training;

/// <summary>
/// Teleports and the gradient checked after the update: a teleport moves the replay point to after it, and a step undone
/// later in the epoch has the bits of checking first.
/// </summary>
public sealed class TeleportReplayTests
{
    private static (Trainer Trainer, TeleportTestMlp Model, Optimizer<float> Optimizer) Run(OptimizerStatePolicy policy, bool control, bool checkFirst)
    {
        var model = TeleportTestSetup.Model();
        var poisoned = new PoisonedTeleportable(model);
        var optimizer = TeleportTestSetup.Optimizer(OptimizerKind.Adam, 0.01);
        var options = new TeleportTrainingOptions
        {
            LookaheadSteps = 0,
            Schedule = new TeleportSchedule { Epochs = [1], CountPerEpoch = 2 },
            BatchSize = 40,
            OptimizerState = policy,
            ControlOnly = control,
        };
        ITrainingCallback[] callbacks = checkFirst
            ? [new TeleportCallback(poisoned, options), new PoisonAtStep(poisoned, 5), new BatchStartProbe(_ => { })]
            : [new TeleportCallback(poisoned, options), new PoisonAtStep(poisoned, 5)];
        var trainer = new Trainer(poisoned, optimizer, TeleportTestSetup.Data.Train, TeleportTestSetup.Data.Test, TeleportTestSetup.Options(), callbacks);
        Assert.Equal(TrainingStatus.Diverged, trainer.Run());
        Assert.Equal(!checkFirst, trainer.ChecksAfterUpdate);
        return (trainer, model, optimizer);
    }

    [Theory]
    [InlineData(OptimizerStatePolicy.Transport, false)]
    [InlineData(OptimizerStatePolicy.Reset, false)]
    [InlineData(OptimizerStatePolicy.Reset, true)]
    public void AStepUndoneAfterATeleportHasTheBitsOfCheckingFirst(OptimizerStatePolicy policy, bool control)
    {
        var (after, afterModel, afterOptimizer) = Run(policy, control, checkFirst: false);
        var (first, firstModel, firstOptimizer) = Run(policy, control, checkFirst: true);
        Assert.Equal(control ? 0 : 2, after.History.Teleports.Count);
        Assert.Equal(1, after.StepsUndone);
        Assert.Equal(1, after.ReplayPointBatch); // the second teleport, at step 1: the replay started after it
        Assert.Equal(first.Divergence, after.Divergence);
        Assert.Equal(("gradient", 5L), (after.Divergence!.Quantity, after.Divergence.GlobalStep));
        Assert.True(TrainingTestData.BitEqual(firstModel.Parameters, afterModel.Parameters), "parameters");
        Assert.Equal(firstOptimizer.StepCount, afterOptimizer.StepCount);
        var (a, b) = (firstOptimizer.SaveState(), afterOptimizer.SaveState());
        foreach (var (name, values) in a.Buffers) Assert.True(TrainingTestData.BitEqual(values, b.Buffers[name]), name);
        TrainingTestData.AssertSameNumbers(first.History, after.History);
    }

    /// <summary>Sets the model's poison before the step of <paramref name="step"/>, after the teleports: it changes no state.</summary>
    private sealed class PoisonAtStep(PoisonedTeleportable model, long step) : ITrainingObserver
    {
        public void OnBatchStart(TrainingContext context)
        {
            if (context.GlobalStep == step) model.PoisonNext = true;
        }
    }

    /// <summary>The generated model, whose next gradient after <see cref="PoisonNext"/> is set holds a NaN.</summary>
    private sealed class PoisonedTeleportable(TeleportTestMlp inner) : ITeleportable<float>
    {
        private readonly ITeleportable<float> _inner = inner;

        public bool PoisonNext { get; set; }

        public NetworkInfo Info => _inner.Info;

        public Span<float> Parameters => _inner.Parameters;

        public float Loss(ReadOnlySpan<float> inputs, Targets<float> targets) => _inner.Loss(inputs, targets);

        public float LossAndGradient(ReadOnlySpan<float> inputs, Targets<float> targets, Span<float> gradient)
        {
            var loss = _inner.LossAndGradient(inputs, targets, gradient);
            if (PoisonNext) gradient[3] = float.NaN;
            PoisonNext = false;
            return loss;
        }

        public void HessianVectorProduct(ReadOnlySpan<float> inputs, Targets<float> targets, ReadOnlySpan<float> v, Span<float> result) =>
            _inner.HessianVectorProduct(inputs, targets, v, result);

        public void Predict(ReadOnlySpan<float> inputs, Span<float> outputs) => _inner.Predict(inputs, outputs);

        public TeleportObjectiveValue<float> TeleportObjectiveGradient(
            ReadOnlySpan<float> inputs, Targets<float> targets, ReadOnlySpan<bool> active, Span<float> gradient, Span<float> lieAlgebraGradient) =>
            _inner.TeleportObjectiveGradient(inputs, targets, active, gradient, lieAlgebraGradient);

        public bool ApplyGroupAction(int symmetry, ReadOnlySpan<float> groupElement, ReadOnlySpan<float> inputs) =>
            _inner.ApplyGroupAction(symmetry, groupElement, inputs);

        public GroupActionResult ApplyGroupActionWithinDomain(int symmetry, Span<float> groupElement, ReadOnlySpan<float> inputs) =>
            _inner.ApplyGroupActionWithinDomain(symmetry, groupElement, inputs);

        public bool TransportCovector(int symmetry, ReadOnlySpan<float> groupElement, Span<float> covector, bool squared) =>
            _inner.TransportCovector(symmetry, groupElement, covector, squared);

        public void BeginTeleportSession(ReadOnlySpan<float> inputs) => _inner.BeginTeleportSession(inputs);

        public void InvalidateTeleportSession() => _inner.InvalidateTeleportSession();

        public void EndTeleportSession() => _inner.EndTeleportSession();
    }
}
