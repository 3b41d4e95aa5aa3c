using System;
using System.Linq;
using System.Numerics.Tensors;
using Teleport.Optimizers;
using Teleport.Records;
using Teleport.Teleportation;
using Teleport.Training;

namespace Teleport.Runtime.Tests.Training;

public sealed class TeleportOptimizerStateTests
{
    /// <summary>What the optimizer and the model looked like just before and just after the one teleport (before step 2).</summary>
    private sealed record Capture(float[] ParametersBefore, float[] ParametersAfter, float[][] BuffersBefore, float[][] BuffersAfter,
        long StepCountBefore, long StepCountAfter, TeleportCallback Callback, TeleportEvent Event);

    private static Capture TeleportOnce(OptimizerKind kind, OptimizerStatePolicy policy, SymmetrySet symmetries = SymmetrySet.Exact, int batch = 40)
    {
        var model = TeleportTestSetup.Model();
        var optimizer = TeleportTestSetup.Optimizer(kind);
        float[] pBefore = [], pAfter = [];
        float[][] bBefore = [], bAfter = [];
        long sBefore = -1, sAfter = -1;
        var options = new TeleportTrainingOptions
        {
                LookaheadSteps = 0,
            Schedule = new TeleportSchedule { EverySteps = 1, MaxTeleports = 1 },
            Teleport = new TeleportOptions { LogarithmicAscent = false, LearningRate = 0.5, Symmetries = symmetries },
            BatchSize = batch,
            OptimizerState = policy,
        };
        var before = new BatchStartProbe(c =>
        {
            if (c.GlobalStep != 1) return;
            (pBefore, bBefore, sBefore) = (c.Model.Parameters.ToArray(), c.Optimizer.Buffers.Select(b => b.Values.ToArray()).ToArray(), c.Optimizer.StepCount);
        });
        var after = new BatchStartProbe(c =>
        {
            if (c.GlobalStep != 1) return;
            (pAfter, bAfter, sAfter) = (c.Model.Parameters.ToArray(), c.Optimizer.Buffers.Select(b => b.Values.ToArray()).ToArray(), c.Optimizer.StepCount);
        });
        var (trainer, callback) = TeleportTestSetup.Trainer(model, optimizer, options, TeleportTestSetup.Options(epochs: 1), [before], [after]);
        trainer.Run();
        Assert.Single(trainer.History.Teleports);
        return new Capture(pBefore, pAfter, bBefore, bAfter, sBefore, sAfter, callback, trainer.History.Teleports[0]);
    }

    [Fact]
    public void ResetClearsEveryBufferAndTheStepCount()
    {
        var c = TeleportOnce(OptimizerKind.Adam, OptimizerStatePolicy.Reset);
        Assert.Equal(1, c.StepCountBefore);
        Assert.Equal(0, c.StepCountAfter);
        Assert.All(c.BuffersAfter, b => Assert.All(b, v => Assert.Equal(0f, v)));
        Assert.Equal("reset", c.Event.Extra["optimizer_state"].String);
        Assert.NotEqual(c.ParametersBefore, c.ParametersAfter);
    }

    [Fact]
    public void KeepLeavesTheStateUntouched()
    {
        var c = TeleportOnce(OptimizerKind.Adam, OptimizerStatePolicy.Keep);
        Assert.Equal(1, c.StepCountAfter);
        for (var i = 0; i < c.BuffersBefore.Length; i++) Assert.True(TrainingTestData.BitEqual(c.BuffersBefore[i], c.BuffersAfter[i]));
        Assert.Equal("kept", c.Event.Extra["optimizer_state"].String);
        Assert.NotEqual(c.ParametersBefore, c.ParametersAfter);
    }

    /// <summary>
    /// S2 moves θ → g·θ linearly; a first moment m is a covector, so its transport m′ = g⁻ᵀm must pair with the
    /// pushed-forward update direction as m paired with the update: ⟨m′, g·Δθ⟩ = ⟨m, Δθ⟩ — and, m being the first
    /// step's gradient ∇L_b(θ₀), m′ must be the gradient at the teleported initial point, ∇L_b(g·θ₀).
    /// </summary>
    [Fact]
    public void TransportCarriesTheFirstMomentAsACovectorOfTheS2Action()
    {
        var c = TeleportOnce(OptimizerKind.Momentum, OptimizerStatePolicy.Transport);
        Assert.Equal("transported", c.Event.Extra["optimizer_state"].String);
        Assert.True(c.Event.StepsTaken > 0);
        Assert.All(c.Event.Extra["symmetries"].Items, s => Assert.StartsWith("S2@", s.String));
        var m = c.BuffersBefore[0];
        var transported = c.BuffersAfter[0];
        Assert.Equal(1, c.StepCountAfter);

        var initial = TeleportTestSetup.Model().Parameters.ToArray();
        var update = Subtract(c.ParametersBefore, initial);
        var pushed = Act(c.Callback.Teleporter, update);
        Assert.Equal(Dot(m, update), Dot(transported, pushed), 1e-4 * Math.Abs(Dot(m, update)) + 1e-7);

        var expected = GradientAt(Act(c.Callback.Teleporter, initial));
        AssertClose(expected, transported);
        Assert.True(MaxRelativeDifference(m, transported) > 1e-3, "the teleport should have changed the first moment");
    }

    /// <summary>AdaGrad's sum after one step is (∇L_b(θ₀))²; transported with the squared factors it is (∇L_b(g·θ₀))².</summary>
    [Fact]
    public void TransportCarriesTheAccumulatorWithSquaredFactors()
    {
        var c = TeleportOnce(OptimizerKind.AdaGrad, OptimizerStatePolicy.Transport);
        var expected = GradientAt(Act(c.Callback.Teleporter, TeleportTestSetup.Model().Parameters.ToArray()));
        AssertClose(expected.Select(g => g * g).ToArray(), c.BuffersAfter[0]);
    }

    [Fact]
    public void TransportFallsBackToResetWhenADataDependentSymmetryMoved()
    {
        // A teleport batch of 6 makes S3 exact on both hidden layers, so SymmetrySet.All uses it.
        var c = TeleportOnce(OptimizerKind.Adam, OptimizerStatePolicy.Transport, SymmetrySet.All, batch: 6);
        Assert.True(c.Event.StepsTaken > 0);
        Assert.Equal("reset_fallback", c.Event.Extra["optimizer_state"].String);
        Assert.StartsWith("S3@", c.Event.Extra["transport_blocked_by"].String);
        Assert.Equal(0, c.StepCountAfter);
        Assert.All(c.BuffersAfter, b => Assert.All(b, v => Assert.Equal(0f, v)));
    }

    /// <summary>Applies the last teleport's accumulated group elements to a parameter-shaped vector (S2 is linear).</summary>
    private static float[] Act(Teleporter<float> teleporter, float[] vector)
    {
        var model = new TeleportTestMlp();
        vector.CopyTo(model.Parameters);
        for (var s = 0; s < teleporter.SymmetryCount; s++)
            if (teleporter.IsUsed(s)) Assert.True(model.ApplyGroupAction(s, teleporter.AccumulatedGroupElement(s), default));
        return model.Parameters.ToArray();
    }

    /// <summary>∇L on the first training batch at <paramref name="parameters"/>.</summary>
    private static float[] GradientAt(float[] parameters)
    {
        var model = new TeleportTestMlp();
        parameters.CopyTo(model.Parameters);
        var train = TeleportTestSetup.Data.Train;
        var gradient = new float[parameters.Length];
        model.LossAndGradient(train.FeatureRows(0, 20), train.LabelRange(0, 20), gradient);
        return gradient;
    }

    private static float[] Subtract(float[] a, float[] b) => a.Select((v, i) => v - b[i]).ToArray();

    private static double Dot(float[] a, float[] b) => TensorPrimitives.Dot<float>(a, b);

    private static double MaxRelativeDifference(float[] a, float[] b)
    {
        var scale = TensorPrimitives.MaxMagnitude<float>(a);
        return a.Select((v, i) => Math.Abs(v - b[i]) / scale).Max();
    }

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        Assert.True(MaxRelativeDifference(expected, actual) < 2e-4, $"max relative difference {MaxRelativeDifference(expected, actual)}");
    }
}
