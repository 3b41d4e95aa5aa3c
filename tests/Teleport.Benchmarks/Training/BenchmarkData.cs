using System;

namespace Teleport.Benchmarks.Training;

/// <summary>Deterministic batches in [0, 1) (pixel-like) with labels in [0, 10).</summary>
internal static class BenchmarkData
{
    public static (float[] Inputs, int[] Labels) Batch(int n, int features, int seed)
    {
        var random = new Random(seed);
        var inputs = new float[n * features];
        var labels = new int[n];
        for (var i = 0; i < inputs.Length; i++) inputs[i] = (float)random.NextDouble();
        for (var i = 0; i < n; i++) labels[i] = random.Next(10);
        return (inputs, labels);
    }
}
