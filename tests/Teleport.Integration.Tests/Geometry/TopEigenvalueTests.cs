using System;
using Teleport.Geometry;

namespace Teleport.Integration.Tests.Geometry;

/// <summary>Lanczos' top eigenvalue against a dense symmetric eigensolver (Jacobi) on the full Hessian (double).</summary>
public class TopEigenvalueTests
{
    [Theory]
    [InlineData("TanhSigmoidRegressor")]
    [InlineData("DeepClassifier")]
    [InlineData("NeuripsRegression")]
    [InlineData("SiluGeluRegressor")]
    [InlineData("CustomFormulas")]
    public void MatchesTheLargestEigenvalueOfTheFullHessian(string name)
    {
        var c = NetworkCase.Get(name);
        var (_, model) = c.Create();
        var batch = new Batch(model.Info, 10, seed: 31);
        var p = model.Parameters.Length;
        var (values, vectors) = DenseHessian.Jacobi(DenseHessian.FromProducts(model, batch.Inputs, batch.TargetsD), p);
        var largest = values[p - 1];

        var lanczos = new HessianTopEigenvalue<double>(model);
        var estimate = lanczos.Compute(batch.Inputs, batch.TargetsD, relativeTolerance: 1e-8, seed: 3);
        Assert.True(estimate.Converged, $"{name}: residual {estimate.RelativeResidual:E2} after {estimate.Iterations} iterations");
        Assert.True(estimate.RelativeResidual <= 1e-8);
        // Weyl: an eigenvalue lies within the residual; with full reorthogonalisation it is the largest one.
        Assert.True(Math.Abs(estimate.Eigenvalue - largest) <= Math.Max(estimate.Residual, 1e-12 * Math.Abs(largest)), $"{name}: {estimate.Eigenvalue} vs {largest}");
        Assert.Equal(estimate.Iterations + 1, estimate.HessianVectorProducts);

        // The eigenvector is the dense one up to sign (the top eigenvalue is simple here).
        Assert.True(largest - values[p - 2] > 1e-6 * Math.Abs(largest), "the test needs a simple top eigenvalue");
        double dot = 0;
        for (var i = 0; i < p; i++) dot += lanczos.Eigenvector[i] * vectors[i * p + p - 1];
        Assert.True(Math.Abs(Math.Abs(dot) - 1) <= 1e-6, $"{name}: |⟨v, v_dense⟩| = {Math.Abs(dot)}");
    }

    /// <summary>
    /// A Hessian whose products are beyond √(double's range) (≈ 1e154): ‖w‖² and ‖Hv − θv‖² overflowed, so β_j was ∞, the
    /// next Lanczos vector w/∞ was 0 and the estimate was lost. With targets s·y an MSE Hessian is
    /// (2/n)·JᵀJ + (2/n)·Σ (f − s·y)·∇²f, so H/s tends to −(2/n)·Σ y·∇²f: its top eigenvalue over s is the same at s = 1e100
    /// (no square overflows) and at s = 1e200, to the JᵀJ term's 1e-100.
    /// </summary>
    [Fact]
    public void AHessianBeyondTheSquareRootOfTheRangeIsMeasured()
    {
        var c = NetworkCase.Get("TanhSigmoidRegressor");
        var (_, model) = c.Create();
        var batch = new Batch(model.Info, 10, seed: 33);
        double TopOverScale(double scale)
        {
            var targets = new Targets<double>(Array.ConvertAll(batch.Values!, y => scale * y));
            var estimate = new HessianTopEigenvalue<double>(model).Compute(batch.Inputs, targets, relativeTolerance: 1e-10, seed: 3);
            Assert.True(estimate.Converged, $"scale {scale:E0}: {estimate.Problem} residual {estimate.RelativeResidual:E2} after {estimate.Iterations} iterations");
            Assert.True(double.IsFinite(estimate.Residual));
            return estimate.Eigenvalue / scale;
        }

        var moderate = TopOverScale(1e100);
        var huge = TopOverScale(1e200);
        Assert.True(Math.Abs(huge - moderate) <= 1e-8 * Math.Abs(moderate), $"{huge} vs {moderate}");
    }

    [Fact]
    public void ReportsTheAchievedResidualWhenStoppedEarly()
    {
        var c = NetworkCase.Get("DeepClassifier");
        var (_, model) = c.Create();
        var batch = new Batch(model.Info, 10, seed: 32);
        var lanczos = new HessianTopEigenvalue<double>(model, maxIterations: 3);
        var estimate = lanczos.Compute(batch.Inputs, batch.TargetsD, relativeTolerance: 1e-12, seed: 1);
        Assert.Equal(3, estimate.Iterations);
        Assert.False(estimate.Converged);
        // The reported residual is the true one: recompute it.
        var p = model.Parameters.Length;
        var hv = new double[p];
        var v = lanczos.Eigenvector.ToArray();
        model.HessianVectorProduct(batch.Inputs, batch.TargetsD, v, hv);
        double r = 0;
        for (var i = 0; i < p; i++) r += (hv[i] - estimate.Eigenvalue * v[i]) * (hv[i] - estimate.Eigenvalue * v[i]);
        Assert.Equal(Math.Sqrt(r), estimate.Residual, 1e-12);
        Assert.True(estimate.RelativeResidual > 1e-12);
    }

    [Fact]
    public void TridiagonalSolverMatchesJacobi()
    {
        var random = new Random(5);
        const int n = 9;
        var diagonal = new double[n];
        var off = new double[n];
        var dense = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            diagonal[i] = random.NextDouble() * 4 - 2;
            dense[i * n + i] = diagonal[i];
            if (i + 1 < n)
            {
                off[i] = random.NextDouble() * 2 - 1;
                dense[i * n + i + 1] = dense[(i + 1) * n + i] = off[i];
            }
        }
        var vectors = new double[n * n];
        Assert.True(SymmetricTridiagonal.Decompose(diagonal, off, vectors, n));
        var (expected, _) = DenseHessian.Jacobi(dense, n);
        var values = (double[])diagonal.Clone();
        Array.Sort(values);
        for (var i = 0; i < n; i++) Assert.Equal(expected[i], values[i], 1e-12);
        // Columns are unit eigenvectors: T·z = λz.
        for (var j = 0; j < n; j++)
            for (var i = 0; i < n; i++)
            {
                double tz = 0;
                for (var k = 0; k < n; k++) tz += dense[i * n + k] * vectors[k * n + j];
                Assert.Equal(diagonal[j] * vectors[i * n + j], tz, 1e-12);
            }
    }
}
