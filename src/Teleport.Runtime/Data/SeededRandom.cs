using System;
using System.Numerics;

namespace Teleport.Data;

/// <summary>
/// A deterministic, seedable random number generator: xoshiro256** (Blackman and Vigna, 2018),
/// its 256-bit state filled from the seed by SplitMix64. The same seed gives the same sequence on
/// every platform and .NET version, unlike <see cref="Random"/>, whose algorithm is unspecified.
/// Used for shuffles, splits, synthetic data and parameter initialisation.
/// </summary>
/// <remarks>
/// Integer draws (<see cref="NextUInt64"/>, <see cref="NextInt(int)"/>, <see cref="Permutation(int)"/>)
/// are exactly reproducible everywhere. <see cref="Normal()"/> uses Box–Muller (two uniform draws per
/// value) and so depends on the platform's <see cref="Math.Log(double)"/> and <see cref="Math.Cos"/>,
/// which agree to the last bit on the machines we target but are not guaranteed to.
/// Not thread-safe; not cryptographically secure.
/// </remarks>
public sealed class SeededRandom
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;
    private ulong _s0, _s1, _s2, _s3;

    /// <summary>Creates the generator for <paramref name="seed"/> (stream 0).</summary>
    public SeededRandom(long seed)
        : this(seed, 0)
    {
    }

    /// <summary>
    /// Creates the generator for an independent <paramref name="stream"/> of <paramref name="seed"/>,
    /// e.g. one stream per epoch for shuffles. Stream 0 is the same as <see cref="SeededRandom(long)"/>.
    /// </summary>
    public SeededRandom(long seed, long stream) => Reset(seed, stream);

    /// <summary>Restarts the generator as if newly created with <paramref name="seed"/> and <paramref name="stream"/> (allocation-free).</summary>
    public void Reset(long seed, long stream = 0)
    {
        // SplitMix64 seeded with seed ⊕ mix(stream); mix(0) = 0, so stream 0 is the plain seed.
        var x = unchecked((ulong)seed ^ Mix((ulong)stream));
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    /// <summary>Creates the generator from a saved <see cref="RandomState"/>.</summary>
    public SeededRandom(RandomState state) => State = state;

    /// <summary>The 256-bit state, to save with a checkpoint and restore later.</summary>
    public RandomState State
    {
        get => new(_s0, _s1, _s2, _s3);
        set
        {
            if ((value.S0 | value.S1 | value.S2 | value.S3) == 0)
                throw new ArgumentException("The all-zero state is not a valid xoshiro256** state.", nameof(value));
            (_s0, _s1, _s2, _s3) = (value.S0, value.S1, value.S2, value.S3);
        }
    }

    /// <summary>The next 64 uniformly random bits (xoshiro256**).</summary>
    public ulong NextUInt64()
    {
        var result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>The next 32 uniformly random bits (the high half of <see cref="NextUInt64"/>).</summary>
    public uint NextUInt32() => (uint)(NextUInt64() >> 32);

    /// <summary>A uniform integer in [0, <paramref name="maxExclusive"/>), without modulo bias (Lemire's method).</summary>
    public int NextInt(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);
        var n = (uint)maxExclusive;
        var m = (ulong)NextUInt32() * n;
        if ((uint)m < n)
        {
            var threshold = unchecked(0u - n) % n;
            while ((uint)m < threshold)
                m = (ulong)NextUInt32() * n;
        }
        return (int)(m >> 32);
    }

    /// <summary>A uniform integer in [<paramref name="minInclusive"/>, <paramref name="maxExclusive"/>).</summary>
    public int NextInt(int minInclusive, int maxExclusive)
    {
        if (maxExclusive <= minInclusive)
            throw new ArgumentOutOfRangeException(nameof(maxExclusive), $"Empty range [{minInclusive}, {maxExclusive}).");
        var width = (long)maxExclusive - minInclusive;
        if (width <= int.MaxValue)
            return minInclusive + NextInt((int)width);
        // Range wider than int.MaxValue: rejection on 33 bits.
        long r;
        do r = (long)(NextUInt64() >> 31); while (r >= width);
        return (int)(minInclusive + r);
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform float in [0, 1) with 24 random bits.</summary>
    public float NextFloat() => (NextUInt64() >> 40) * (1.0f / (1U << 24));

    /// <summary>A uniform double in [<paramref name="a"/>, <paramref name="b"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A bound is NaN or infinite, or <paramref name="b"/> &lt; <paramref name="a"/>.</exception>
    public double Uniform(double a, double b)
    {
        CheckInterval(a, b);
        return DrawUniform(a, b);
    }

    private double DrawUniform(double a, double b)
    {
        var x = a + (b - a) * NextDouble();
        return x < b || a == b ? x : Math.BitDecrement(b);
    }

    /// <summary>A uniform float in [<paramref name="a"/>, <paramref name="b"/>) (PyTorch <c>uniform_</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A bound is NaN or infinite, or <paramref name="b"/> &lt; <paramref name="a"/>.</exception>
    public float Uniform(float a, float b)
    {
        CheckInterval(a, b);
        return DrawUniform(a, b);
    }

    private float DrawUniform(float a, float b)
    {
        var x = (float)(a + ((double)b - a) * NextFloat());
        return x < b || a == b ? x : MathF.BitDecrement(b);
    }

    /// <summary>A standard normal double (Box–Muller; consumes two uniform draws).</summary>
    public double Normal()
    {
        var u1 = 1.0 - NextDouble(); // (0, 1]: log is finite
        var u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>A normal double with the given mean and standard deviation.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The mean is NaN or infinite, or the standard deviation is negative, NaN or infinite.</exception>
    public double Normal(double mean, double standardDeviation)
    {
        CheckNormal(mean, standardDeviation);
        return DrawNormal(mean, standardDeviation);
    }

    private double DrawNormal(double mean, double standardDeviation) => mean + standardDeviation * Normal();

    /// <summary>Fills <paramref name="destination"/> with uniform values in [<paramref name="a"/>, <paramref name="b"/>).</summary>
    public void FillUniform(Span<float> destination, float a, float b)
    {
        CheckInterval(a, b);
        for (var i = 0; i < destination.Length; i++) destination[i] = DrawUniform(a, b);
    }

    /// <summary>Fills <paramref name="destination"/> with uniform values in [<paramref name="a"/>, <paramref name="b"/>).</summary>
    public void FillUniform(Span<double> destination, double a, double b)
    {
        CheckInterval(a, b);
        for (var i = 0; i < destination.Length; i++) destination[i] = DrawUniform(a, b);
    }

    /// <summary>Fills <paramref name="destination"/> with normal values N(<paramref name="mean"/>, <paramref name="standardDeviation"/>²).</summary>
    public void FillNormal(Span<float> destination, float mean, float standardDeviation)
    {
        CheckNormal(mean, standardDeviation);
        for (var i = 0; i < destination.Length; i++) destination[i] = (float)DrawNormal(mean, standardDeviation);
    }

    /// <summary>Fills <paramref name="destination"/> with normal values N(<paramref name="mean"/>, <paramref name="standardDeviation"/>²).</summary>
    public void FillNormal(Span<double> destination, double mean, double standardDeviation)
    {
        CheckNormal(mean, standardDeviation);
        for (var i = 0; i < destination.Length; i++) destination[i] = DrawNormal(mean, standardDeviation);
    }

    // Checked once per call (a fill checks before its loop): b < a drew from a reversed interval and a negative σ from
    // N(μ, σ²) with the signs flipped, both unnoticed; a NaN or infinite bound gave NaN values.
    private static void CheckInterval(double a, double b)
    {
        if (!double.IsFinite(a)) throw new ArgumentOutOfRangeException(nameof(a), a, "The lower bound must be finite.");
        if (!double.IsFinite(b) || b < a) throw new ArgumentOutOfRangeException(nameof(b), b, $"The upper bound must be finite and ≥ a = {a}.");
    }

    private static void CheckNormal(double mean, double standardDeviation)
    {
        if (!double.IsFinite(mean)) throw new ArgumentOutOfRangeException(nameof(mean), mean, "The mean must be finite.");
        if (!(standardDeviation >= 0) || double.IsInfinity(standardDeviation))
            throw new ArgumentOutOfRangeException(nameof(standardDeviation), standardDeviation, "The standard deviation must be finite and ≥ 0.");
    }

    /// <summary>Shuffles <paramref name="items"/> in place (Fisher–Yates, from the last element down).</summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>Writes a random permutation of 0 … length−1 into <paramref name="destination"/> (allocation-free).</summary>
    public void Permutation(Span<int> destination)
    {
        for (var i = 0; i < destination.Length; i++) destination[i] = i;
        Shuffle(destination);
    }

    /// <summary>A random permutation of 0 … <paramref name="n"/>−1.</summary>
    public int[] Permutation(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        var result = new int[n];
        Permutation(result);
        return result;
    }

    /// <summary>One SplitMix64 step: advances <paramref name="x"/> and returns the mixed output.</summary>
    internal static ulong SplitMix(ref ulong x)
    {
        x = unchecked(x + Golden);
        return Mix(x);
    }

    /// <summary>The SplitMix64 output function (a bijection with Mix(0) = 0).</summary>
    private static ulong Mix(ulong z)
    {
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }
}

/// <summary>The 256-bit state of a <see cref="SeededRandom"/> (xoshiro256** words s0…s3).</summary>
public readonly record struct RandomState(ulong S0, ulong S1, ulong S2, ulong S3);
