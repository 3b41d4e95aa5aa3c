using System;
using Teleport.Geometry;
using Teleport.Integration.Tests.Networks;

namespace Teleport.Integration.Tests.Geometry;

/// <summary>
/// Weights that overflow float make measures that are not numbers: each is labelled with why (never thrown, never
/// reported as a number), and a ψ whose curves are all refused is "not computed", not an exception out of Measure.
/// </summary>
public class NonFiniteMeasureTests
{
    /// <summary>PaperMlp with one output weight of 3·10³⁸: the loss stays finite, H·v does not.</summary>
    private static PaperMlp Overflowing()
    {
        var model = new PaperMlp();
        model.InitializeParameters(1);
        foreach (var tensor in PaperMlp.Info.Tensors)
            if (tensor.Name == "fc2.weight") model.Parameters[tensor.Offset] = 3e38f;
        return model;
    }

    [Fact]
    public void LanczosLabelsANonFiniteHessianVectorProductInsteadOfThrowing()
    {
        // The NaN used to reach the tridiagonal matrix, where QL never converges: "did not converge" was thrown.
        var model = Overflowing();
        var batch = new Batch(PaperMlp.Info, 20, seed: 71);
        var estimate = new HessianTopEigenvalue<float>(model).Compute(batch.InputsF, batch.TargetsF, 1e-3, seed: 1);
        Assert.Equal("not computed: the Hessian-vector product is not finite at these weights (they overflow the model's floating-point range)", estimate.Problem);
        Assert.True(double.IsNaN(estimate.Eigenvalue));
        Assert.False(estimate.Converged);
        Assert.Equal(estimate.Iterations, estimate.HessianVectorProducts); // the last product was the non-finite one
    }

    [Fact]
    public void EveryMeasureWithoutANumberIsListedAndWrittenAsNull()
    {
        var model = Overflowing();
        var batch = new Batch(PaperMlp.Info, 20, seed: 72);
        var options = new MeasureOptions
        {
            ExactTrace = false,
            TraceProbes = 2,
            Phi = new SharpnessOptions { Radii = [0.01], BatchSize = 10 },
            PhiGaussian = null,
            Adaptive = SharpnessOptions.Adaptive with { BatchSize = 10 },
            PsiExact = null,
        };
        var report = new GeometryMeasures<float>(model, options).Measure(batch.InputsF, batch.TargetsF);
        Assert.True(double.IsFinite(report.Loss));
        Assert.Null(report.ProblemOf("loss"));
        Assert.StartsWith("not computed: the Hessian-vector product", report.ProblemOf("hessian_top_eigenvalue"), StringComparison.Ordinal);
        Assert.StartsWith("not finite at these weights: the Hessian-vector product", report.ProblemOf("hessian_trace"), StringComparison.Ordinal);
        var fields = report.ToFields();
        foreach (var (name, _) in report.Problems())
        {
            Assert.True(fields[name].IsNull, name);
            Assert.True(fields["measure_notes"].Fields.ContainsKey(name), name);
        }
    }

    [Fact]
    public void APsiThatRefusesEveryCurveIsNotComputedWithWhy()
    {
        var model = new PaperMlp();
        model.InitializeParameters(2);
        var batch = new Batch(PaperMlp.Info, 20, seed: 73);
        var options = new MeasureOptions { ExactTrace = false, TraceProbes = 2, Phi = new SharpnessOptions { Radii = [0.01], BatchSize = 10 }, PhiGaussian = null, Adaptive = null };
        var report = new GeometryMeasures<float>(model, options, new RefusingCurvature()).Measure(batch.InputsF, batch.TargetsF);
        Assert.Null(report.CurvaturePsi);
        Assert.Equal("not computed: the model refused all 2 orbit curves (singular Gram matrices on every batch)", report.CurvaturePsiNote);
    }

    /// <summary>What <see cref="OrbitCurvature{T}.Measure"/> does when every Gram matrix is singular.</summary>
    private sealed class RefusingCurvature : IOrbitCurvatureMeasure<float>
    {
        public string Name => "refusing";

        public double Measure(ReadOnlySpan<float> inputs, long seed) =>
            throw new InvalidOperationException("ψ: the model refused all 2 orbit curves (singular Gram matrices on every batch).");

        public double Kappa(ReadOnlySpan<float> batch, long seed, int curve) => double.NaN;
    }
}
