using System;
using System.Linq;
using Teleport.Integration.Tests.Networks;
using Teleport.MetaLearning;
using Teleport.Testing;

namespace Teleport.Integration.Tests.MetaLearning;

/// <summary>
/// The meta-learning pieces against central differences in double: the task's gradient, the S3 teleport's VJP (Lie
/// form and exact inverse), the normalisation's VJP, and the first-order meta-gradient of a whole window of
/// LSTM(lr, tele) through a generated two-cell network; the exact inverse keeps the loss, the Lie form changes it at
/// second order; a window allocates nothing after warm-up.
/// </summary>
public class MetaLearningTests
{
    /// <summary>Central differences of f at x, coordinate by coordinate (shared with <see cref="MetaGradientTests"/>).</summary>
    internal static double[] Numeric(Func<double[], double> f, double[] x, double h = 1e-6)
    {
        var g = new double[x.Length];
        var probe = (double[])x.Clone();
        for (var i = 0; i < x.Length; i++)
        {
            probe[i] = x[i] + h;
            var up = f(probe);
            probe[i] = x[i] - h;
            var down = f(probe);
            probe[i] = x[i];
            g[i] = (up - down) / (2 * h);
        }
        return g;
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double s = 0;
        for (var i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }

    [Fact]
    public void TaskGradientMatchesCentralDifferences()
    {
        var task = new RegressionTask(4, seed: -1);
        var w = task.InitialWeights;
        var g = new double[w.Length];
        task.LossAndGradient(w, g);
        var error = Batch.RelativeError(g, Numeric(x => task.Loss(x), w));
        Assert.True(error <= 1e-8, $"relative error {error:E3}");
    }

    [Theory]
    [InlineData(TeleportForm.Lie)]
    [InlineData(TeleportForm.ExactInverse)]
    public void TeleportVjpMatchesCentralDifferences(TeleportForm form)
    {
        var task = new RegressionTask(3, seed: 12345);
        var teleport = new LieTeleport(task, form);
        var w = task.InitialWeights;
        var t = Batch.Direction(9, seed: 3);
        for (var i = 0; i < t.Length; i++) t[i] *= 0.05;
        var c = Batch.Direction(w.Length, seed: 4);
        var result = new double[w.Length];
        double F(double[] weights, double[] algebra)
        {
            teleport.Apply(weights, algebra, result);
            return Dot(result, c);
        }
        var wBar = new double[w.Length];
        var tBar = new double[t.Length];
        teleport.Vjp(w, t, c, wBar, tBar);
        var wError = Batch.RelativeError(wBar, Numeric(x => F(x, t), w));
        var tError = Batch.RelativeError(tBar, Numeric(x => F(w, x), t));
        Assert.True(wError <= 1e-8, $"W̄ relative error {wError:E3}");
        Assert.True(tError <= 1e-8, $"T̂̄ relative error {tError:E3}");
    }

    [Fact]
    public void ExactInverseKeepsTheLossAndTheLieFormChangesItAtSecondOrder()
    {
        var task = new RegressionTask(5, seed: 2 * 2 * 12345);
        var w = task.InitialWeights;
        var before = task.Loss(w);
        var t = Batch.Direction(25, seed: 9);
        var result = new double[w.Length];
        double Change(TeleportForm form, double scale)
        {
            var algebra = Array.ConvertAll(t, x => x * scale);
            new LieTeleport(task, form).Apply(w, algebra, result);
            return task.Loss(result) - before;
        }
        Assert.True(Math.Abs(Change(TeleportForm.ExactInverse, 0.01)) <= 1e-9 * before, "exact inverse changed the loss");
        // Lie form: ΔL = O(‖T̂‖²), so halving T̂ quarters ΔL (ratio → 4 as T̂ → 0).
        var ratio = Change(TeleportForm.Lie, 0.002) / Change(TeleportForm.Lie, 0.001);
        Assert.InRange(ratio, 3.8, 4.2);
    }

    [Fact]
    public void NormalisationVjpMatchesCentralDifferences()
    {
        var raw = Batch.Direction(9, seed: 5);
        var c = Batch.Direction(9, seed: 6);
        var normalized = new double[9];
        var numeric = Numeric(x => { TeleportScaling.Normalize(x, 0.01, normalized); return Dot(normalized, c); }, raw);
        var analytic = new double[9];
        TeleportScaling.NormalizeVjp(raw, 0.01, c, analytic);
        Assert.True(Batch.RelativeError(analytic, numeric) <= 1e-8);
        Assert.Equal(0, TeleportScaling.ClampDerivative(6e-3, 1e-7, 5e-3));
        Assert.Equal(1, TeleportScaling.ClampDerivative(1e-3, 1e-7, 5e-3));
        Assert.Equal(5e-3, TeleportScaling.Clamp(6e-3, 1e-7, 5e-3));
    }

    public static TheoryData<TeleportForm, bool> Arms => new()
    {
        { TeleportForm.Lie, true },
        { TeleportForm.ExactInverse, true },
        { TeleportForm.Lie, false },
    };

    [Theory]
    [MemberData(nameof(Arms))]
    public void WindowMetaGradientMatchesCentralDifferences(TeleportForm form, bool teleport)
    {
        // A wide clamp so the step-size path carries gradient; a larger teleport so its path is not negligible.
        var settings = new MetaSettings { Window = 4, Form = form, Teleport = teleport, MinStepSize = -1, MaxStepSize = 1, InitialStepSize = 1e-2, TeleportScale = 0.05 };
        var task = new RegressionTask(3, seed: -1);
        var network = new TinyMetaTeleporter();
        network.InitializeParameters(5);
        var meta = network.ToFloat64();
        var phi = meta.Parameters.ToArray();

        // The base window records ∇L_e; the checked function replays them (G detached), so its exact gradient is
        // the first-order meta-gradient, which at φ equals the base window's.
        var baseline = new LearnedTeleportOptimizer(meta, task, settings);
        baseline.RunWindow(4);
        var gradients = baseline.RecordedGradients.ToArray();
        var expected = new double[phi.Length];
        baseline.MetaGradient(expected);

        double Replay(double[] parameters)
        {
            parameters.CopyTo(meta.Parameters);
            return new LearnedTeleportOptimizer(meta, task, settings).RunWindow(4, gradients);
        }
        var numeric = Numeric(Replay, phi);
        var error = Batch.RelativeError(expected, numeric);
        Assert.True(error <= 1e-6, $"{form}, teleport {teleport}: relative error {error:E3}");
        Assert.True(Math.Sqrt(Dot(expected, expected)) > 0);
    }

    [Fact]
    public void AWindowAllocatesNothingAfterWarmUp()
    {
        var task = new RegressionTask(3, seed: -1);
        var network = new TinyMetaTeleporter();
        network.InitializeParameters(5);
        var meta = network.ToFloat64();
        var optimizer = new LearnedTeleportOptimizer(meta, task, new MetaSettings());
        var metaGradient = new double[meta.Parameters.Length];
        optimizer.RunWindow(10);
        optimizer.MetaGradient(metaGradient);
        Assert.Equal(0, Allocations.SteadyState(() =>
        {
            for (var i = 0; i < 5; i++)
            {
                optimizer.RunWindow(10);
                optimizer.MetaGradient(metaGradient);
            }
        }));
    }

    [Fact]
    public void TheGaussianFamilyDrawsZeroMeanUnitVarianceDataAndLeavesThePaperTasksAsTheyWere()
    {
        var paper = new RegressionTask(20, seed: 12345);
        var again = new RegressionTask(20, seed: 12345, TaskFamily.Paper);
        Assert.Equal(paper.Inputs, again.Inputs);
        Assert.Equal(paper.Targets, again.Targets);
        Assert.All(paper.Inputs, x => Assert.InRange(x, 0, 1));

        var gaussian = new RegressionTask(20, seed: 12345, TaskFamily.Gaussian);
        Assert.Equal(TaskFamily.Gaussian, gaussian.Family);
        Assert.Equal(gaussian.Inputs, new RegressionTask(20, seed: 12345, TaskFamily.Gaussian).Inputs);
        foreach (var values in new[] { gaussian.Inputs, gaussian.Targets })
        {
            // 400 draws of N(0, 1): mean within 4 standard errors (0.2), variance within 0.7 … 1.3
            double mean = values.Average(), variance = values.Sum(x => (x - mean) * (x - mean)) / (values.Length - 1);
            Assert.InRange(mean, -0.2, 0.2);
            Assert.InRange(variance, 0.7, 1.3);
            Assert.Contains(values, x => x < 0);
        }

        // the initial weights are the paper's draw in every family; X⁻¹ is X's inverse
        Assert.All(gaussian.InitialWeights, w => Assert.InRange(w, 0, 1));
        var product = new double[400];
        for (var i = 0; i < 20; i++)
            for (var j = 0; j < 20; j++)
                for (var k = 0; k < 20; k++)
                    product[i * 20 + j] += gaussian.Inputs[i * 20 + k] * gaussian.InputsInverse[k * 20 + j];
        for (var i = 0; i < 20; i++)
            for (var j = 0; j < 20; j++)
                Assert.Equal(i == j ? 1 : 0, product[i * 20 + j], 1e-8);
    }
}
