using System;
using System.Linq;
using Teleport.Integration.Tests.Networks;
using Teleport.Teleportation;
using Teleport.Testing;

namespace Teleport.Integration.Tests.Geometry;

/// <summary>
/// The teleport objectives (<see cref="TeleportObjective"/>) in double: the generated adjoint on any cotangent against
/// differences of the pairing ⟨G, g·θ⟩, every objective's Lie-algebra gradient against central differences of the
/// objective along the group, and a teleport with each objective moving it in the requested direction.
/// </summary>
public class TeleportObjectiveTests
{
    private const double Epsilon = 1e-5;

    /// <summary>S2 (exact), S3 within its exact regime, S4 with n &gt; k and with n &lt; k.</summary>
    public static TheoryData<SymmetrySet, int> Regimes => new()
    {
        { SymmetrySet.Exact, 9 },
        { SymmetrySet.All, 4 },
        { SymmetrySet.LeastSquares, 12 },
        { SymmetrySet.LeastSquares, 3 },
    };

    [Theory]
    [MemberData(nameof(Regimes))]
    public void AdjointOnAnyCotangentMatchesDifferencesOfThePairing(SymmetrySet set, int n)
    {
        var model = new SmallLeakyClassifier.Float64();
        model.InitializeParameters(5);
        var batch = new Batch(SmallLeakyClassifier.Info, n, seed: 40 + n);
        var active = Active(SmallLeakyClassifier.Info, set, n);
        var cotangent = Batch.Direction(model.Parameters.Length, seed: 7);
        var lie = new double[SmallLeakyClassifier.LieAlgebraDimension];
        Assert.True(model.LieAlgebraAdjoint(active, batch.Inputs, cotangent, lie));
        var x = LieDirection(SmallLeakyClassifier.Info, active, seed: 8);

        double Pairing(double epsilon) => Moved(model, active, x, epsilon, batch.Inputs, () => Dot(cotangent, model.Parameters.ToArray()));
        var difference = (Pairing(Epsilon) - Pairing(-Epsilon)) / (2 * Epsilon);
        var adjoint = Dot(lie, x);
        Assert.True(Math.Abs(adjoint - difference) <= 1e-6 * Math.Max(1, Math.Abs(difference)), $"{set}, n = {n}: adjoint {adjoint}, differences {difference}");
    }

    public static TheoryData<TeleportObjective, SymmetrySet, int> ObjectiveRegimes()
    {
        var data = new TheoryData<TeleportObjective, SymmetrySet, int>();
        foreach (var objective in new[] { TeleportObjective.GradientNorm, TeleportObjective.Sharpness, TeleportObjective.HessianTrace, TeleportObjective.TopEigenvalue })
        {
            data.Add(objective, SymmetrySet.Exact, 9);
            data.Add(objective, SymmetrySet.LeastSquares, 12);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ObjectiveRegimes))]
    public void ObjectiveGradientMatchesCentralDifferencesAlongTheGroup(TeleportObjective objective, SymmetrySet set, int n)
    {
        var model = new SmallLeakyClassifier.Float64();
        model.InitializeParameters(6);
        var batch = new Batch(SmallLeakyClassifier.Info, n, seed: 60 + n);
        var options = Options(objective, set);
        var teleporter = new Teleporter<double>(model);
        var lie = new double[SmallLeakyClassifier.LieAlgebraDimension];
        var (_, value) = teleporter.EvaluateObjective(batch.Inputs, batch.TargetsD, options, lie);
        Assert.True(double.IsFinite(value));
        var active = Active(SmallLeakyClassifier.Info, set, n);
        var x = LieDirection(SmallLeakyClassifier.Info, active, seed: 9);
        var scratch = new double[lie.Length];
        double At(double epsilon) => Moved(model, active, x, epsilon, batch.Inputs, () => teleporter.EvaluateObjective(batch.Inputs, batch.TargetsD, options, scratch).Objective);
        var difference = (At(Epsilon) - At(-Epsilon)) / (2 * Epsilon);
        var gradient = Dot(lie, x);
        Assert.True(Math.Abs(gradient - difference) <= 1e-5 * Math.Max(1e-3, Math.Abs(difference)) + 1e-8, $"{objective} on {set}, n = {n}: ⟨∂F/∂T, X⟩ = {gradient}, differences {difference} (F = {value})");
    }

    [Fact]
    public void CurvatureStepDirectionIsKappaPrimeAlongTheGenerator()
    {
        // On S2 (a group action) κ along M at exp(sM)·θ is κ(s) of the same curve, so κ′ can be checked by differences.
        var model = new SmallLeakyClassifier.Float64();
        model.InitializeParameters(7);
        var batch = new Batch(SmallLeakyClassifier.Info, 9, seed: 70);
        var options = Options(TeleportObjective.Curvature, SymmetrySet.Exact);
        var teleporter = new Teleporter<double>(model);
        var lie = new double[SmallLeakyClassifier.LieAlgebraDimension];
        var (_, kappa) = teleporter.EvaluateObjective(batch.Inputs, batch.TargetsD, options, lie);
        Assert.True(kappa > 0);
        var active = Active(SmallLeakyClassifier.Info, SymmetrySet.Exact, 9);
        // M is the generator the objective drew: lie = κ′·M, so M ∝ lie; recover κ′ from a unit-free ratio.
        var m = Generator(SmallLeakyClassifier.Info, active, options.ObjectiveSettings.Seed);
        var kappaPrime = Dot(lie, m) / Dot(m, m);
        var scratch = new double[lie.Length];
        double At(double epsilon) => Moved(model, active, m, epsilon, batch.Inputs, () => teleporter.EvaluateObjective(batch.Inputs, batch.TargetsD, options, scratch).Objective);
        var difference = (At(Epsilon) - At(-Epsilon)) / (2 * Epsilon);
        Assert.True(Math.Abs(kappaPrime - difference) <= 1e-5 * Math.Abs(difference) + 1e-9, $"κ′ {kappaPrime}, differences {difference}");
        // and lie is exactly κ′·M on the active slices
        for (var i = 0; i < lie.Length; i++) Assert.Equal(kappaPrime * m[i], lie[i], 1e-12);
    }

    public static TheoryData<TeleportObjective, ObjectiveDirection> EveryObjective()
    {
        var data = new TheoryData<TeleportObjective, ObjectiveDirection>();
        foreach (var objective in Enum.GetValues<TeleportObjective>())
            foreach (var direction in Enum.GetValues<ObjectiveDirection>())
                data.Add(objective, direction);
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryObjective))]
    public void TeleportMovesTheObjectiveInTheRequestedDirectionWithoutDriftOnExactSymmetries(TeleportObjective objective, ObjectiveDirection direction)
    {
        var model = new SmallLeakyClassifier.Float64();
        model.InitializeParameters(8);
        var batch = new Batch(SmallLeakyClassifier.Info, 16, seed: 80);
        var options = Options(objective, SymmetrySet.Exact);
        options.Direction = direction;
        options.Steps = 5;
        var report = new Teleporter<double>(model).Teleport(batch.Inputs, batch.TargetsD, options);
        Assert.True(report.StepsTaken > 0, report.ToString());
        Assert.Equal(objective, report.Objective);
        Assert.Equal(direction, report.Direction);
        if (direction == ObjectiveDirection.Increase) Assert.True(report.ObjectiveAfter > report.ObjectiveBefore, report.ToString());
        else Assert.True(report.ObjectiveAfter < report.ObjectiveBefore, report.ToString());
        Assert.True(report.RelativeLossDrift <= 1e-10, report.ToString());
        Assert.Equal(report.LossAfter, model.Loss(batch.Inputs, batch.Labels!), 12);
        Assert.True(double.IsFinite(report.GradNormSquaredBefore) && double.IsFinite(report.GradNormSquaredAfter), report.ToString());
    }

    [Theory]
    [InlineData(TeleportObjective.Sharpness)]
    [InlineData(TeleportObjective.Curvature)]
    public void DataDependentTeleportReportsTheDriftItMade(TeleportObjective objective)
    {
        // S4 on 12 samples > k: the loss moves; with a loose tolerance the teleport proceeds and reports the drift it made.
        var model = new SmallLeakyClassifier.Float64();
        model.InitializeParameters(9);
        var batch = new Batch(SmallLeakyClassifier.Info, 12, seed: 90);
        var before = model.Loss(batch.Inputs, batch.Labels!);
        var options = Options(objective, SymmetrySet.LeastSquares);
        options.LossTolerance = 0.5;
        options.Steps = 3;
        var report = new Teleporter<double>(model).Teleport(batch.Inputs, batch.TargetsD, options);
        Assert.True(report.StepsTaken > 0, report.ToString());
        Assert.Equal(before, report.LossBefore, 12);
        Assert.Equal(model.Loss(batch.Inputs, batch.Labels!), report.LossAfter, 12);
        Assert.True(report.RelativeLossDrift <= 0.5, report.ToString());
        Assert.True(report.ObjectiveAfter > report.ObjectiveBefore, report.ToString());
    }

    [Fact]
    public void AnObjectiveTheNetworkCannotEvaluateIsRefusedByName()
    {
        var model = new ConvPoolClassifier.Float64();
        model.InitializeParameters(1);
        var batch = new Batch(ConvPoolClassifier.Info, 4, seed: 1);
        var teleporter = new Teleporter<double>(model);
        var error = Assert.Throws<ArgumentException>(() => teleporter.Teleport(batch.Inputs, batch.TargetsD, new TeleportOptions { Objective = TeleportObjective.Sharpness }));
        // In a user's terms: which symmetries lack what, for which objective — no interface names.
        Assert.StartsWith($"{ConvPoolClassifier.Info.Name}'s convolutional symmetries have no derived adjoint of their action for the sharpness objective φ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("ILieAlgebraAdjoint", error.Message, StringComparison.Ordinal);
        var levelSet = Assert.Throws<ArgumentException>(() => new Teleporter<double>(new SmallLeakyClassifier.Float64()).Teleport(
            new Batch(SmallLeakyClassifier.Info, 4, 2).Inputs, new Batch(SmallLeakyClassifier.Info, 4, 2).TargetsD,
            new TeleportOptions { Method = TeleportMethod.LevelSet, Objective = TeleportObjective.HessianTrace }));
        Assert.Contains("HessianTrace", levelSet.Message);
    }

    [Fact]
    public void ObjectiveTeleportsAllocateNothingAfterWarmUp()
    {
        var model = new SmallLeakyClassifier();
        model.InitializeParameters(10);
        var batch = new Batch(SmallLeakyClassifier.Info, 12, seed: 100);
        var inputs = batch.InputsF;
        var targets = batch.TargetsF;
        var teleporter = new Teleporter<float>(model);
        var allocating = "";
        foreach (var objective in Enum.GetValues<TeleportObjective>())
        {
            var options = Options(objective, SymmetrySet.Exact);
            options.Steps = 3;
            for (var i = 0; i < 3; i++) teleporter.Teleport(inputs, targets, options);
            var allocated = Allocations.SteadyState(() => teleporter.Teleport(inputs, batch.TargetsF, options));
            if (allocated != 0) allocating += $"{objective}: {allocated} B; ";
        }
        Assert.Equal("", allocating);
    }

    private static TeleportOptions Options(TeleportObjective objective, SymmetrySet set) => new()
    {
        Objective = objective,
        Symmetries = set,
        LearningRate = 0.05,
        ObjectiveSettings = new TeleportObjectiveOptions
        {
            SharpnessRadii = [0.05, 0.2],
            SharpnessDirections = 3,
            TraceProbes = 4,
            EigenvalueTolerance = 1e-12,
            Seed = 11,
        },
    };

    private static bool[] Active(NetworkInfo info, SymmetrySet set, int n)
    {
        var active = new bool[info.Symmetries.Count];
        Assert.True(SymmetrySelection.Select(info, set, n, active) > 0);
        return active;
    }

    /// <summary>A deterministic Lie-algebra direction on the active slices, zero elsewhere.</summary>
    private static double[] LieDirection(NetworkInfo info, bool[] active, int seed)
    {
        var x = new double[info.Symmetries.Sum(s => s.Dimension)];
        var random = new Random(seed);
        var offset = 0;
        for (var s = 0; s < active.Length; s++)
        {
            for (var i = 0; i < info.Symmetries[s].Dimension; i++) x[offset + i] = active[s] ? 2 * random.NextDouble() - 1 : 0;
            offset += info.Symmetries[s].Dimension;
        }
        return x;
    }

    /// <summary>The curvature objective's generator: U[0,1) on the active slices from the objective seed, stream 0 (a fresh teleporter).</summary>
    private static double[] Generator(NetworkInfo info, bool[] active, long seed)
    {
        var random = new Teleport.Data.SeededRandom(seed, 0);
        var m = new double[info.Symmetries.Sum(s => s.Dimension)];
        var offset = 0;
        for (var s = 0; s < active.Length; s++)
        {
            for (var i = 0; i < info.Symmetries[s].Dimension; i++) m[offset + i] = active[s] ? random.NextDouble() : 0;
            offset += info.Symmetries[s].Dimension;
        }
        return m;
    }

    /// <summary>Evaluates <paramref name="measure"/> at exp(εX)·θ (the active symmetries in layer order), then restores θ.</summary>
    private static double Moved(SmallLeakyClassifier.Float64 model, bool[] active, double[] x, double epsilon, double[] inputs, Func<double> measure)
    {
        var saved = model.Parameters.ToArray();
        var info = SmallLeakyClassifier.Info;
        var offset = 0;
        var offsets = new int[active.Length];
        for (var s = 0; s < active.Length; s++) { offsets[s] = offset; offset += info.Symmetries[s].Dimension; }
        foreach (var s in Enumerable.Range(0, active.Length).Where(s => active[s]).OrderBy(s => info.Symmetries[s].Layer))
        {
            var symmetry = info.Symmetries[s];
            var step = x.AsSpan(offsets[s], symmetry.Dimension).ToArray();
            for (var i = 0; i < step.Length; i++) step[i] *= epsilon;
            var g = new double[step.Length];
            var k = symmetry.Width;
            Assert.True(symmetry.IsDiagonal
                ? GroupElements.TryMapDiagonal<double>(GroupElementMap.Exponential, step, g)
                : GroupElements.TryMap<double>(GroupElementMap.Exponential, step, g, k, new double[GroupElements.WorkspaceLength(k)], new int[k]));
            Assert.True(model.ApplyGroupAction(s, g, inputs));
        }
        var value = measure();
        saved.CopyTo(model.Parameters);
        return value;
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }
}
