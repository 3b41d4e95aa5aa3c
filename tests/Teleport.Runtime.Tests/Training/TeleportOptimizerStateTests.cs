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

    private static Capture TeleportOnce(OptimizerKind kind, OptimizerStatePolicy policy, SymmetrySet symmetries = SymmetrySet.Exact, int batch = 40, OptimizerSettings? settings = null)
    {
        var model = TeleportTestSetup.Model();
        var optimizer = settings is null ? TeleportTestSetup.Optimizer(kind) : OptimizerFactory.Create<float>(kind, settings, TeleportTestMlp.ParameterCount);
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

    /// <summary>
    /// RMSProp's momentum buffer is a sum of preconditioned gradients g/(√v + eps). Under S2 a parameter's gradient is
    /// multiplied by c and √v by |c| (c = 1/s on V's rows, s on U's columns), so each term is unchanged: after one step
    /// b = g/(√((1 − α)·g²) + eps), and at the teleported initial point it must be the same b (eps aside). It was transported
    /// as a gradient, b → c·b, which the next step then added to terms that are not scaled.
    /// </summary>
    [Fact]
    public void TransportKeepsRmsPropsPreconditionedMomentumUnderTheDiagonalGroup()
    {
        var c = TeleportOnce(OptimizerKind.RmsProp, OptimizerStatePolicy.Transport, settings: new OptimizerSettings { LearningRate = 0.05, Momentum = 0.9 });
        Assert.Equal("transported", c.Event.Extra["optimizer_state"].String);
        Assert.True(c.Event.StepsTaken > 0);
        var momentum = IndexOf(c, OptimizerBufferNames.MomentumBuffer);
        var square = IndexOf(c, OptimizerBufferNames.SquareAverage);

        var g = GradientAt(Act(c.Callback.Teleporter, TeleportTestSetup.Model().Parameters.ToArray()));
        const double alpha = 0.99, eps = 1e-8;
        var compared = 0;
        for (var i = 0; i < g.Length; i++)
        {
            if (Math.Abs(g[i]) < 1e-3) continue; // where eps is not negligible beside √v
            var expected = g[i] / (Math.Sqrt((1 - alpha) * g[i] * g[i]) + eps);
            Assert.Equal(expected, c.BuffersAfter[momentum][i], 1e-3 * Math.Abs(expected));
            compared++;
        }

        Assert.True(compared > g.Length / 4, $"{compared} of {g.Length} gradients above 1e-3");
        Assert.True(MaxRelativeDifference(c.BuffersBefore[square], c.BuffersAfter[square]) > 1e-3, "the teleport should have moved square_avg");
    }

    /// <summary>
    /// Under GL(k) (S1) g/(√v + eps) follows no rule (√v of a mixed gradient is not a mix of √v's): RMSProp's state with
    /// momentum falls back to a reset naming the symmetry, while Adam's first and second moments are transported.
    /// </summary>
    [Theory]
    [InlineData(OptimizerKind.RmsProp, "reset_fallback")]
    [InlineData(OptimizerKind.Adam, "transported")]
    public void AGeneralLinearTeleportResetsRmsPropsMomentumOnly(OptimizerKind kind, string expected)
    {
        var model = new TeleportLinearMlp();
        model.InitializeParameters(3);
        var train = TeleportTestSetup.Data.Train;
        var optimizer = OptimizerFactory.Create<float>(kind, new OptimizerSettings { LearningRate = 0.05, Momentum = kind == OptimizerKind.RmsProp ? 0.9 : null }, model.Parameters.Length);
        var gradient = new float[model.Parameters.Length];
        model.LossAndGradient(train.FeatureRows(0, 20), train.LabelRange(0, 20), gradient);
        optimizer.Step(model.Parameters, gradient);
        var teleporter = new Teleporter<float>(model);
        var report = teleporter.Teleport(train.FeatureRows(0, 20), train.LabelRange(0, 20), new TeleportOptions { LearningRate = 0.5 });
        Assert.True(report.StepsTaken > 0 && teleporter.IsUsed(0) && !teleporter.IsDiagonal(0), report.ToString());

        var outcome = OptimizerStateTransport.AfterTeleport(OptimizerStatePolicy.Transport, optimizer, teleporter);
        Assert.Equal(expected, TeleportCallback.OutcomeName(outcome));
        Assert.Equal(kind == OptimizerKind.RmsProp ? "S1@0" : null, OptimizerStateTransport.TransportBlockedBy(optimizer, teleporter));
    }

    /// <summary>The place of buffer <paramref name="name"/> in the captured state (the optimizer's order).</summary>
    private static int IndexOf(Capture c, string name)
    {
        var optimizer = OptimizerFactory.Create<float>(OptimizerKind.RmsProp, new OptimizerSettings { LearningRate = 0.05, Momentum = 0.9 }, TeleportTestMlp.ParameterCount);
        var names = optimizer.Buffers.Select(b => b.Name).ToList();
        Assert.Equal(names.Count, c.BuffersAfter.Length);
        return names.IndexOf(name);
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
