using System;
using Teleport.Geometry;
using Teleport.Integration.Tests.Networks;

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

        void RunAll()
        {
            traceF.Hutchinson(inputsF, targetsF, 3, 1);
            traceF.Exact(inputsF, targetsF);
            traceD.Exact(batch.Inputs, batch.TargetsD);
            eigenF.Compute(inputsF, targetsF, 1e-9, 2);
            eigenD.Compute(batch.Inputs, batch.TargetsD, 1e-9, 2);
            sharpF.Measure(inputsF, targetsF, sharpnessOptions, 3);
            sharpD.Measure(batch.Inputs, batch.TargetsD, adaptive, 4);
            objective.Loss(inputsF, targetsF);
        }

        for (var i = 0; i < 3; i++) RunAll();
        var before = GC.GetAllocatedBytesForCurrentThread();
        RunAll();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
