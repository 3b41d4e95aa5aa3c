using System;
using Teleport.Teleportation;

namespace Teleport.Runtime.Tests.Teleportation;

/// <summary>
/// S3 on saturating activations: a unit whose activations sit at σ's range boundary (tanh = ±1 in
/// floating point) cannot be pushed further, and σ′ = 0 there. The exact action refuses such a step
/// as a range violation; the restricted action holds the unit back and still preserves the output;
/// the adjoint holds it fixed; and a teleport on a network with saturated units gains ‖∇L‖².
/// </summary>
public sealed class SaturatedUnitsTests
{
    private static readonly ActivationRange TanhRange = new(-1, 1);

    /// <summary>A tanh block (n = 5 ≤ d + 1: S3 exact) whose unit 0 is saturated at +1 on every sample.</summary>
    private static Block SaturatedBlock(int seed, double bias = 40)
    {
        Block block = Block.Random(seed, 5, 3, 6, 2, weightScale: 0.4);
        Array.Clear(block.V, 0, block.D);
        block.B[0] = bias;
        return block;
    }

    /// <summary>A near-identity element whose row 0 is <paramref name="row0"/>.</summary>
    private static double[] Element(int seed, params double[] row0)
    {
        double[] g = ExactActionTests.NearIdentity(seed, 3, 0.2);
        row0.CopyTo(g, 0);
        return g;
    }

    private static HiddenLayerBlock<double> Tanh(Block block) => new()
    {
        Width = block.K, InputSize = block.D, NextWidth = block.M, BatchSize = block.N, HasBias = block.HasBias,
        V = block.V, B = block.B, U = block.U, H = block.H, Range = TanhRange,
    };

    [Fact]
    public void ASaturatedUnitPushedOutwardIsARangeViolationForTheExactAction()
    {
        Block block = SaturatedBlock(201);
        Assert.All(Column(block.Activation<Tanh>(), 0, 3), a => Assert.Equal(1.0, a));
        Block original = block.Clone();

        // (g·a)₀ = 1.2 + 0.05·a₁ − 0.05·a₂ > 1 on every sample
        double[] g = Element(202, 1.2, 0.05, -0.05);
        Assert.Equal(GroupActionResult.OutsideActivationRange, SymmetryKernels.DataDependentAction<double, Tanh, Atanh>(g, Tanh(block)));
        ExactActionTests.AssertUnchanged(original, block);
    }

    [Fact]
    public void TheRestrictedActionHoldsTheSaturatedUnitAndKeepsTheOutput()
    {
        Block block = SaturatedBlock(203);
        double[] before = block.Output<Tanh>();
        double[] g = Element(204, 1.2, 0.05, -0.05);
        double[] applied = (double[])g.Clone();

        Assert.Equal(GroupActionResult.Applied, SymmetryKernels.DataDependentAction<double, Tanh, Atanh>(g, Tanh(block), applied));

        // unit 0 keeps its identity row and its activations; the others move along g's rows, scaled toward I
        Assert.Equal([1.0, 0.0, 0.0], applied[..3]);
        Assert.All(Column(block.Activation<Tanh>(), 0, 3), a => Assert.Equal(1.0, a));
        for (int j = 1; j < 3; j++)
        {
            double w = (applied[j * 3 + j] - 1) / (g[j * 3 + j] - 1);
            Assert.InRange(w, 0.0, 1.0);
            for (int p = 0; p < 3; p++)
            {
                double identity = j == p ? 1 : 0;
                Assert.Equal(w * (g[j * 3 + p] - identity), applied[j * 3 + p] - identity, 1e-15);
            }
        }

        Assert.True(DataDependentActionTests.MaxDifference(SaturatedBlock(203).U, block.U) > 1e-3, "the action did not move U");
        Orbit.AssertClose(before, block.Output<Tanh>(), 1e-11, "S3 output with a held unit");
    }

    [Fact]
    public void ASaturatedUnitMayMoveBackInside()
    {
        // (g·a)₀ = 0.8: inward, a quarter of the distance to −1 allows it, so ĝ keeps g's row 0
        Block block = SaturatedBlock(205);
        double[] before = block.Output<Tanh>();
        double[] g = Element(206, 0.8, 0, 0);
        double[] applied = (double[])g.Clone();
        Assert.Equal(GroupActionResult.Applied, SymmetryKernels.DataDependentAction<double, Tanh, Atanh>(g, Tanh(block), applied));
        Assert.Equal(g[..3], applied[..3]);
        Assert.All(Column(block.Activation<Tanh>(), 0, 3), a => Assert.Equal(0.8, a, 1e-12));
        Orbit.AssertClose(before, block.Output<Tanh>(), 1e-11, "S3 output, unit 0 unsaturated");
    }

    [Fact]
    public void TheRestrictedActionWorksInFloat()
    {
        // float tanh is exactly 1 from z ≈ 9 on
        Block block = SaturatedBlock(207, bias: 20);
        double[] before = block.Output<Tanh>();
        var (v, b, u, h) = block.As<float>();
        float[] g = Array.ConvertAll(Element(208, 1.2, 0.05, -0.05), x => (float)x);
        float[] applied = (float[])g.Clone();
        HiddenLayerBlock<float> layer = block.Layer(v, b, u, h) with { Range = TanhRange };
        Assert.Equal(GroupActionResult.Applied, SymmetryKernels.DataDependentAction<float, Op<float, TanhF<float>>, Op<float, AtanhF<float>>>(g, layer, applied));
        Assert.Equal([1f, 0f, 0f], applied[..3]);
        var moved = new Block(5, 3, 6, 2, true, ExactActionTests.ToDouble(v), ExactActionTests.ToDouble(b), ExactActionTests.ToDouble(u), block.H);
        Orbit.AssertClose(before, moved.Output<Tanh>(), 1e-4, "S3 output with a held unit (float)");
    }

    [Fact]
    public void TheAdjointHoldsAUnitWhoseDerivativeVanishes()
    {
        Block block = SaturatedBlock(209);
        IBlockFunction f = SymmetryAdjointTests.Function<Tanh, TanhDerivative>("loss", block);
        var (gradV, gradB, gradU) = f.Gradient(block);
        double[] z = block.PreActivation();
        Assert.All(Column(z, 0, 3), value => Assert.Equal(0.0, TanhDerivative.Invoke(value)));
        var result = new double[9];
        Assert.True(SymmetryKernels.DataDependentAdjoint<double, TanhDerivative>(block.Gradients(gradV, gradB, gradU, z, block.Activation<Tanh>()), result));

        // row 0 (the saturated unit) is held; rows 1, 2 are the derivative along their generators, whose
        // elements I + t·E_jp (j ≠ p) and diag(…e^t…) keep row 0 exactly the identity
        Assert.Equal(new double[3], result[..3]);
        var expected = new double[6];
        const double epsilon = 1e-5;
        for (int index = 3; index < 9; index++)
        {
            double Value(double t)
            {
                Block moved = block.Clone();
                double[] g = Generator(index, t);
                Assert.Equal(GroupActionResult.Applied, SymmetryKernels.DataDependentAction<double, Tanh, Atanh>(g, moved.Layer()));
                return f.Value(moved);
            }

            expected[index - 3] = (Value(epsilon) - Value(-epsilon)) / (2 * epsilon);
        }

        Orbit.AssertClose(expected, result.AsSpan(3), 1e-6, "S3 adjoint of the units that can move");
    }

    [Fact]
    public void ATeleportGainsWhereTheExactActionIsRefusedAtEveryStepSize()
    {
        // Hidden unit 0 nearly saturated on every sample (z ≈ 5: 1 − tanh z ≈ 1e-4, σ′ ≠ 0 so ∂F/∂T moves it);
        // n = 6 ≤ d + 1: S3 is exact and chosen.
        var (inputs, targets) = MlpData.Batch(210, 6);
        TanhMlp Saturated(ActivationRange range)
        {
            var model = new TanhMlp(MlpData.D, MlpData.K, MlpData.M, 211, "S3", "S4") { Range = range };
            model.Parameters[MlpData.K * MlpData.D] = 5;  // b₀[0]
            return model;
        }

        var options = new TeleportOptions { Symmetries = SymmetrySet.All, LearningRate = 0.5 };

        // Without σ's range the action applies g as given: unit 0 leaves (−1, 1) on every retry.
        TeleportReport refused = new Teleporter<double>(Saturated(ActivationRange.Real)).Teleport(inputs, targets, options);
        Assert.Equal(["S3@0"], refused.SymmetriesUsed.ToArray());
        Assert.Equal(TeleportStopReason.RangeViolation, refused.StopReason);
        Assert.Equal(0, refused.StepsTaken);

        // Knowing the range, it holds unit 0 back and moves the others.
        TanhMlp model = Saturated(TanhRange);
        TeleportReport report = new Teleporter<double>(model).Teleport(inputs, targets, options);
        Assert.Equal(TeleportStopReason.Completed, report.StopReason);
        Assert.True(report.GradNormSquaredGain >= 1.2, report.ToString());
        Assert.True(report.RelativeLossDrift <= 1e-10, report.ToString());
        Assert.Equal(report.LossAfter, model.Loss(inputs, targets), 1e-14);
    }

    /// <summary>exp(t·E_index) for a k = 3 generator, formed exactly: I + t·E_jp off the diagonal, e^t on it.</summary>
    private static double[] Generator(int index, double t)
    {
        double[] g = [1, 0, 0, 0, 1, 0, 0, 0, 1];
        g[index] = index % 4 == 0 ? Math.Exp(t) : t;
        return g;
    }

    private static double[] Column(double[] matrix, int column, int columns)
    {
        var values = new double[matrix.Length / columns];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = matrix[i * columns + column];
        }

        return values;
    }
}
