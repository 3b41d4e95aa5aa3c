using System.Collections.Generic;
using System.Globalization;
using Teleport.Cli.Models;
using Teleport.Cli.Output;
using Teleport.Data;
using Teleport.Geometry;
using Teleport.Teleportation;

namespace Teleport.Cli.Bench;

/// <summary>
/// What each geometry measure costs on the paper's network (784-16-10-10) at 1 000 samples, with one Hessian-vector
/// product on the same samples as the unit: the exact trace, Hutchinson's estimate (100 probes), the top eigenvalue
/// (Lanczos to 1e-3), the paper's φ (5 batches of 200 × 20 radii) and the adaptive sharpness; and one teleport step per
/// teleport objective on the same samples (S2; the sharpness objective with 10 directions × 9 radii, the authors use 100).
/// </summary>
internal static class GeometryBenchCases
{
    private const int Samples = 1000;

    public static IReadOnlyList<BenchCase> Create()
    {
        var model = new PaperMlp();
        model.InitializeParameters(1);
        var random = new SeededRandom(7);
        var inputs = new float[Samples * PaperMlp.InputSize];
        random.FillUniform(inputs, 0f, 1f);
        var labels = new int[Samples];
        for (var i = 0; i < Samples; i++) labels[i] = random.NextInt(PaperMlp.OutputSize);
        var v = new float[PaperMlp.ParameterCount];
        random.FillUniform(v, -1f, 1f);
        var hv = new float[PaperMlp.ParameterCount];
        var trace = new HessianTrace<float>(model);
        var eigen = new HessianTopEigenvalue<float>(model);
        var sharpness = new PerturbationSharpness<float>(model);
        var phi = SharpnessOptions.Paper("fashion-mnist");
        var adaptive = SharpnessOptions.Adaptive;
        var c = CultureInfo.InvariantCulture;
        TraceEstimate lastTrace = default;
        EigenEstimate lastEigen = default;
        var cases = new List<BenchCase>
        {
            new("geometry: hvp 784-16-10-10 n1000", null, 10, () => model.HessianVectorProduct(inputs, labels, v, hv)),
            new("geometry: trace exact n1000", null, 1, () => lastTrace = trace.Exact(inputs, labels),
                () => string.Create(c, $"{lastTrace.HessianVectorProducts} model HVP calls, {lastTrace.Method}")),
            new("geometry: trace Hutchinson 100 probes n1000", null, 1, () => lastTrace = trace.Hutchinson(inputs, labels, 100, 1),
                () => string.Create(c, $"± {lastTrace.StandardError:G3} of {lastTrace.Trace:G4}")),
            new("geometry: top eigenvalue Lanczos 1e-3 n1000", null, 1, () => lastEigen = eigen.Compute(inputs, labels, 1e-3, 1),
                () => string.Create(c, $"{Format.Count(lastEigen.Iterations, "iteration")}, relative residual {lastEigen.RelativeResidual:G2}")),
            new("geometry: phi paper 5×200 samples, 20 radii", null, 1, () => sharpness.Measure(inputs, labels, phi, 1)),
            new("geometry: adaptive sharpness 5×200, 3 radii × 4", null, 1, () => sharpness.Measure(inputs, labels, adaptive, 1)),
        };
        foreach (var objective in System.Enum.GetValues<TeleportObjective>())
        {
            // a model per objective: its teleports move it along S2 (the loss stays), so repeats time the same work
            var moved = new PaperMlp();
            moved.InitializeParameters(1);
            var teleporter = new Teleporter<float>(moved);
            var options = new TeleportOptions { Objective = objective, Steps = 1, Symmetries = SymmetrySet.Exact, ObjectiveSettings = new TeleportObjectiveOptions { SharpnessDirections = 10 } };
            TeleportReport? last = null;
            cases.Add(new($"geometry: teleport 1 step {objective} S2 n1000", null, 1, () => last = teleporter.Teleport(inputs, new Targets<float>(labels), options),
                () => last is null ? "" : string.Create(c, $"objective {last.ObjectiveBefore:G4} → {last.ObjectiveAfter:G4}, {last.StopReason}")));
        }
        return cases;
    }
}
