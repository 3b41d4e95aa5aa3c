using System;

namespace Teleport.Runtime.Tests.Kernels;

/// <summary>Seeded uniform data.</summary>
internal static class TestData
{
    public static float[] Floats(int length, int seed, float low = -1f, float high = 1f)
    {
        var random = new Random(seed);
        var data = new float[length];
        for (int i = 0; i < data.Length; i++) data[i] = low + (high - low) * random.NextSingle();
        return data;
    }

    public static double[] Doubles(int length, int seed, double low = -1, double high = 1)
    {
        var random = new Random(seed);
        var data = new double[length];
        for (int i = 0; i < data.Length; i++) data[i] = low + (high - low) * random.NextDouble();
        return data;
    }

    public static double[] Widen(ReadOnlySpan<float> values)
    {
        var result = new double[values.Length];
        for (int i = 0; i < values.Length; i++) result[i] = values[i];
        return result;
    }
}
