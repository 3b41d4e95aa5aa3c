using System;
using Teleport.Geometry;
using Teleport.Integration.Tests.Networks;
using Teleport.Testing;

namespace Teleport.Integration.Tests.Geometry;

/// <summary>After warm-up the measures allocate nothing (float and double).</summary>
public class GeometryAllocationTests
{
    [Fact]
    public void MeasuresAllocateNothingAfterWarmUp()
    {
        var single = new PaperMlp();
        single.InitializeParameters(1);
        var twin = single.ToFloat64();
        var batch = new Batch(PaperMlp.Info, 30, seed: 61);
        var inputsF = batch.InputsF;
        var targetsF = batch.Labels!;
        var sharpnessOptions = new SharpnessOptions { Radii = [0.01, 0.1], BatchSize = 10 };
        var adaptive = SharpnessOptions.Adaptive with { BatchSize = 10 };
        var traceF = new HessianTrace<float>(single, chunkSize: 16);
        var traceD = new HessianTrace<double>(twin);
        var eigenF = new HessianTopEigenvalue<float>(single, maxIterations: 12, chunkSize: 16);
        var eigenD = new HessianTopEigenvalue<double>(twin, maxIterations: 12);
        var sharpF = new PerturbationSharpness<float>(single);
        var sharpD = new PerturbationSharpness<double>(twin);
        var objective = new ChunkedObjective<float>(single, chunkSize: 7);

        // One entry per measure, so that a failure names the one that allocated.
        (string Name, Action Run)[] measures =
        [
            ("Hutchinson<float>", () => traceF.Hutchinson(inputsF, targetsF, 3, 1)),
            ("exact trace<float>", () => traceF.Exact(inputsF, targetsF)),
            ("exact trace<double>", () => traceD.Exact(batch.Inputs, batch.TargetsD)),
            ("λmax<float>", () => eigenF.Compute(inputsF, targetsF, 1e-9, 2)),
            ("λmax<double>", () => eigenD.Compute(batch.Inputs, batch.TargetsD, 1e-9, 2)),
            ("φ<float>", () => sharpF.Measure(inputsF, targetsF, sharpnessOptions, 3)),
            ("adaptive sharpness<double>", () => sharpD.Measure(batch.Inputs, batch.TargetsD, adaptive, 4)),
            ("chunked loss<float>", () => objective.Loss(inputsF, targetsF)),
        ];
        for (var i = 0; i < 3; i++)
            foreach (var (_, run) in measures) run();
        var allocating = "";
        foreach (var (name, run) in measures)
        {
            var allocated = Allocations.SteadyState(run);
            if (allocated != 0) allocating += $"{name}: {allocated} B; ";
        }
        Assert.Equal("", allocating);
    }
}
