using System;
using Teleport.Integration.Tests.Networks;
using Teleport.MetaLearning;
using Teleport.Testing;

namespace Teleport.Integration.Tests.MetaLearning;

/// <summary>
/// The second-order pieces and the update variants against central differences in double: the task's HVP; the exact
/// (second-order) meta-gradient of a whole window of LSTM(lr, tele), LSTM(lr), LSTM(update) and LSTM(update, tele)
/// against differences of the window's summed loss with nothing replayed (the inner gradients move with φ); the
/// first-order meta-gradient of the update variants against differences with the inner gradients replayed; the
/// first-order and exact meta-gradients differ; a second-order window allocates nothing after warm-up.
/// </summary>
public class MetaGradientTests
{
    private static double[] Numeric(Func<double[], double> f, double[] x) => MetaLearningTests.Numeric(f, x);

    [Fact]
    public void TaskHessianVectorProductMatchesCentralDifferences()
    {
        var task = new RegressionTask(4, seed: 7);
        var w = task.InitialWeights;
        var v = Batch.Direction(w.Length, seed: 3);
        var hv = new double[w.Length];
        task.HessianVectorProduct(w, v, hv);
        const double h = 1e-6;
        var up = new double[w.Length];
        var down = new double[w.Length];
        var probe = new double[w.Length];
        for (var i = 0; i < w.Length; i++) probe[i] = w[i] + h * v[i];
        task.LossAndGradient(probe, up);
        for (var i = 0; i < w.Length; i++) probe[i] = w[i] - h * v[i];
        task.LossAndGradient(probe, down);
        var numeric = new double[w.Length];
        for (var i = 0; i < w.Length; i++) numeric[i] = (up[i] - down[i]) / (2 * h);
        var error = Batch.RelativeError(hv, numeric);
        Assert.True(error <= 1e-7, $"relative error {error:E3}");
    }

    public static TheoryData<MetaVariant, TeleportForm> Variants => new()
    {
        { MetaVariant.LearnedRateTeleport, TeleportForm.Lie },
        { MetaVariant.LearnedRateTeleport, TeleportForm.ExactInverse },
        { MetaVariant.LearnedRate, TeleportForm.Lie },
        { MetaVariant.LearnedUpdate, TeleportForm.Lie },
        { MetaVariant.LearnedUpdateTeleport, TeleportForm.Lie },
        { MetaVariant.LearnedUpdateTeleport, TeleportForm.ExactInverse },
    };

    /// <summary>A tiny learner of the variant; a wide clamp so the step-size path carries gradient, a larger teleport so its path is not negligible.</summary>
    private static MetaLearner Learner(MetaVariant variant, TeleportForm form, bool secondOrder)
    {
        var settings = new MetaSettings { Window = 4, Form = form, MinStepSize = -1, MaxStepSize = 1, InitialStepSize = 1e-2, TeleportScale = 0.05, SecondOrder = secondOrder };
        if (!variant.LearnsUpdate())
        {
            var network = new TinyMetaTeleporter();
            network.InitializeParameters(5);
            return new MetaLearner(variant, settings, network.ToFloat64());
        }
        var updater = new TinyMetaUpdater();
        updater.InitializeParameters(5);
        var direction = new TinyMetaDirection();
        direction.InitializeParameters(6);
        // Small updates: the inner problem must not diverge within the window.
        var u = updater.ToFloat64();
        for (var i = 0; i < u.Parameters.Length; i++) u.Parameters[i] *= 0.1;
        return new MetaLearner(variant, settings, u, variant == MetaVariant.LearnedUpdateTeleport ? direction.ToFloat64() : null);
    }

    /// <summary>All the learner's meta-parameters, concatenated.</summary>
    private static double[] Flatten(MetaLearner learner)
    {
        var count = 0;
        foreach (var n in learner.Networks) count += n.Parameters.Length;
        var all = new double[count];
        var offset = 0;
        foreach (var n in learner.Networks)
        {
            n.Parameters.CopyTo(all.AsSpan(offset));
            offset += n.Parameters.Length;
        }
        return all;
    }

    private static void Scatter(MetaLearner learner, double[] all)
    {
        var offset = 0;
        foreach (var n in learner.Networks)
        {
            all.AsSpan(offset, n.Parameters.Length).CopyTo(n.Parameters);
            offset += n.Parameters.Length;
        }
    }

    private static double[] MetaGradient(InnerOptimizer optimizer, MetaLearner learner)
    {
        var first = new double[learner.Networks[0].Parameters.Length];
        var second = learner.Networks.Length > 1 ? new double[learner.Networks[1].Parameters.Length] : [];
        optimizer.MetaGradient(first, second);
        return [.. first, .. second];
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void SecondOrderMetaGradientMatchesCentralDifferences(MetaVariant variant, TeleportForm form)
    {
        var task = new RegressionTask(3, seed: -1);
        var learner = Learner(variant, form, secondOrder: true);
        var phi = Flatten(learner);
        var optimizer = learner.Optimizer(task);
        optimizer.RunWindow(4);
        var exact = MetaGradient(optimizer, learner);

        // The window's summed loss as a function of φ, everything recomputed (∇L(W_e) moves with φ).
        double Window(double[] parameters)
        {
            Scatter(learner, parameters);
            return learner.Optimizer(task).RunWindow(4);
        }
        var numeric = Numeric(Window, phi);
        Scatter(learner, phi);
        var error = Batch.RelativeError(exact, numeric);
        Assert.True(error <= 1e-6, $"{variant} {form}: relative error {error:E3}");

        // The first-order meta-gradient is a different quantity (the inner gradients detached): further from the
        // differences than the exact one by more than an order of magnitude.
        var firstOrder = Learner(variant, form, secondOrder: false);
        var baseline = firstOrder.Optimizer(task);
        baseline.RunWindow(4);
        var approximate = MetaGradient(baseline, firstOrder);
        var gap = Batch.RelativeError(approximate, exact);
        Assert.True(gap > 10 * error, $"{variant} {form}: the first-order meta-gradient is as close as the exact one ({gap:E3} against {error:E3})");
    }

    [Theory]
    [InlineData(MetaVariant.LearnedUpdate)]
    [InlineData(MetaVariant.LearnedUpdateTeleport)]
    public void FirstOrderUpdateMetaGradientMatchesReplayedDifferences(MetaVariant variant)
    {
        var task = new RegressionTask(3, seed: -1);
        var learner = Learner(variant, TeleportForm.Lie, secondOrder: false);
        var phi = Flatten(learner);
        var baseline = learner.Optimizer(task);
        baseline.RunWindow(4);
        var gradients = baseline.RecordedGradients.ToArray();
        var expected = MetaGradient(baseline, learner);

        // The inner gradients replayed (detached): the first-order meta-gradient is then the exact gradient.
        double Replay(double[] parameters)
        {
            Scatter(learner, parameters);
            return learner.Optimizer(task).RunWindow(4, gradients);
        }
        var numeric = Numeric(Replay, phi);
        var error = Batch.RelativeError(expected, numeric);
        Assert.True(error <= 1e-6, $"{variant}: relative error {error:E3}");
    }

    [Theory]
    [InlineData(MetaVariant.LearnedRateTeleport)]
    [InlineData(MetaVariant.LearnedUpdateTeleport)]
    public void ASecondOrderWindowAllocatesNothingAfterWarmUp(MetaVariant variant)
    {
        var task = new RegressionTask(3, seed: -1);
        var learner = Learner(variant, TeleportForm.Lie, secondOrder: true);
        var optimizer = learner.Optimizer(task);
        var first = new double[learner.Networks[0].Parameters.Length];
        var second = learner.Networks.Length > 1 ? new double[learner.Networks[1].Parameters.Length] : [];
        optimizer.RunWindow(4);
        optimizer.MetaGradient(first, second);
        Assert.Equal(0, Allocations.SteadyState(() =>
        {
            optimizer.RunWindow(4);
            optimizer.MetaGradient(first, second);
        }));
    }

    [Fact]
    public void ALearnerSurvivesSaveAndLoadAndBadFilesAreNamed()
    {
        var learner = Learner(MetaVariant.LearnedUpdateTeleport, TeleportForm.Lie, secondOrder: false);
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"teleport-meta-{Guid.NewGuid():N}.safetensors");
        try
        {
            learner.Save(path, new System.Collections.Generic.Dictionary<string, string> { ["seed"] = "5" });
            var file = Teleport.Serialization.SafeTensors.Read(path);
            Assert.Equal(MetaVariant.LearnedUpdateTeleport, MetaLearner.VariantOf(file, path));
            Assert.True(file.TryGetTensor("update.lstm0.weight_ih", out _));
            Assert.True(file.TryGetTensor("tele.fc1.weight", out _));
            var fresh = Learner(MetaVariant.LearnedUpdateTeleport, TeleportForm.Lie, secondOrder: false);
            foreach (var n in fresh.Networks) n.Parameters.Clear();
            fresh.Load(file, path);
            Assert.Equal(Flatten(learner), Flatten(fresh));

            // A file of another variant does not fit: the missing tensor is named.
            var other = Learner(MetaVariant.LearnedUpdate, TeleportForm.Lie, secondOrder: false);
            other.Save(path, new System.Collections.Generic.Dictionary<string, string>());
            var error = Assert.Throws<Teleport.Data.TeleportDataException>(() => fresh.Load(Teleport.Serialization.SafeTensors.Read(path), path));
            Assert.Contains("tele.", error.Message);
        }
        finally
        {
            System.IO.File.Delete(path);
        }
    }
}
