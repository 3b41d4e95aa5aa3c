using System;
using Teleport.Teleportation;
using Xunit.Abstractions;

namespace Teleport.Integration.Tests;

/// <summary>
/// The teleporter's loss guard holds for the true loss: after every teleport, the loss of the float parameters
/// recomputed in double (the network's Float64 twin) has moved by at most the tolerance relative to its value
/// before. Issue 14 found 12 of 2 302 accepted teleports (SymmetrySet.All, batches ≤ 16) beyond it, up to 0.021
/// against 0.005 at batch 1: the guard compared float losses, and a float softmax cross-entropy of a well-fit
/// batch carries a rounding error far above 0.005 of its value.
/// </summary>
public sealed class TeleportGuardTests(ITestOutputHelper output)
{
    [Fact]
    public void TheToleranceHoldsForTheLossRecomputedInDouble()
    {
        var random = new Random(14);
        var tolerances = new[] { 1e-5, 1e-3, 5e-3 };
        var learningRates = new[] { 1e-2, 0.05, 1, 100 };
        var cases = NetworkCase.All;
        int accepted = 0, violations = 0;
        double worst = 0;
        string worstCase = "";
        for (var trial = 0; trial < 2400; trial++)
        {
            var c = cases[trial % cases.Length];
            var (f, _) = c.Create();
            // Weights from small to large: large ones give well-fit batches whose loss is tiny.
            var scale = (float)Math.Pow(10, 2.5 * random.NextDouble() - 1);
            var theta = f.Parameters;
            for (var i = 0; i < theta.Length; i++) theta[i] *= scale;
            var n = 1 + random.Next(16);
            var batch = new Batch(f.Info, n, seed: 5000 + trial);
            var options = new TeleportOptions
            {
                Steps = 1 + random.Next(10),
                LearningRate = learningRates[random.Next(learningRates.Length)],
                Symmetries = SymmetrySet.All,
                LossTolerance = tolerances[random.Next(tolerances.Length)],
            };
            var before = LossInDouble(f, batch);
            var report = new Teleporter<float>((ITeleportable<float>)f).Teleport(batch.InputsF, batch.TargetsF, options);
            if (report.StepsTaken == 0) continue;
            accepted++;
            var after = LossInDouble(f, batch);
            var drift = Math.Abs(after - before) / Math.Max(Math.Abs(before), 1e-30);
            if (drift / options.LossTolerance > worst)
            {
                worst = drift / options.LossTolerance;
                worstCase = $"trial {trial} ({c.Name}, batch {n}, η {options.LearningRate}, tol {options.LossTolerance}): loss {before:R} → {after:R}, drift {drift:E2}";
            }
            if (drift > options.LossTolerance) violations++;
        }
        output.WriteLine($"{accepted} teleports with accepted steps, {violations} beyond the tolerance in double; worst drift/tolerance {worst:F3}: {worstCase}");
        Assert.True(accepted >= 1500, $"only {accepted} teleports took a step");
        Assert.True(violations == 0, $"{violations} of {accepted} teleports moved the double-precision loss beyond the tolerance; worst: {worstCase}");
    }

    /// <summary>The loss of <paramref name="model"/>'s float parameters, computed by its Float64 twin.</summary>
    internal static double LossInDouble(IDifferentiableModel<float> model, Batch batch)
    {
        var twin = ((IHasFloat64Twin)model).CreateFloat64Twin();
        var parameters = model.Parameters;
        for (var i = 0; i < parameters.Length; i++) twin.Parameters[i] = parameters[i];
        return twin.Loss(batch.Inputs, batch.TargetsD);
    }
}
