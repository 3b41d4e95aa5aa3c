using System;

namespace Teleport.Integration.Tests;

/// <summary>A deterministic batch for a network: inputs, and labels or target values.</summary>
public sealed class Batch
{
    public Batch(NetworkInfo info, int n, int seed)
    {
        var random = new Random(seed);
        N = n;
        Inputs = new double[n * info.InputSize];
        for (var i = 0; i < Inputs.Length; i++) Inputs[i] = (float)(2 * random.NextDouble() - 1);
        if (info.Loss == LossKind.SoftmaxCrossEntropy)
        {
            Labels = new int[n];
            for (var i = 0; i < n; i++) Labels[i] = random.Next(info.OutputSize);
        }
        else
        {
            Values = new double[n * info.OutputSize];
            for (var i = 0; i < Values.Length; i++) Values[i] = (float)(2 * random.NextDouble() - 1);
        }
    }

    public int N { get; }
    public double[] Inputs { get; }
    public int[]? Labels { get; }
    public double[]? Values { get; }

    public float[] InputsF => Array.ConvertAll(Inputs, x => (float)x);

    public Targets<double> TargetsD => Labels is not null ? new Targets<double>(Labels) : new Targets<double>(Values);

    public Targets<float> TargetsF => Labels is not null ? new Targets<float>(Labels) : new Targets<float>(Array.ConvertAll(Values!, x => (float)x));

    /// <summary>A deterministic direction in parameter space with entries in [−1, 1].</summary>
    public static double[] Direction(int count, int seed)
    {
        var random = new Random(seed);
        var v = new double[count];
        for (var i = 0; i < count; i++) v[i] = 2 * random.NextDouble() - 1;
        return v;
    }

    public static double RelativeError(ReadOnlySpan<double> actual, ReadOnlySpan<double> expected)
    {
        double diff = 0, norm = 0;
        for (var i = 0; i < expected.Length; i++)
        {
            diff += (actual[i] - expected[i]) * (actual[i] - expected[i]);
            norm += expected[i] * expected[i];
        }
        return Math.Sqrt(diff) / Math.Max(Math.Sqrt(norm), 1e-300);
    }
}
