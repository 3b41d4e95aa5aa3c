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

    /// <summary>Uniform in [−2, 2) in any floating-point type (drawn in double, then rounded).</summary>
    public static T[] Values<T>(int seed, int length) where T : System.Numerics.IFloatingPointIeee754<T>
    {
        var random = new Random(seed);
        var values = new T[length];
        for (var i = 0; i < length; i++) values[i] = T.CreateTruncating(random.NextDouble() * 4 - 2);
        return values;
    }

    public static double[] Widen(ReadOnlySpan<float> values)
    {
        var result = new double[values.Length];
        for (int i = 0; i < values.Length; i++) result[i] = values[i];
        return result;
    }
}
