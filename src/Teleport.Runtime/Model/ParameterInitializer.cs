using System;

namespace Teleport;

/// <summary>
/// Draws initial parameters deterministically from a seed (SplitMix64, a fixed and documented
/// generator, so a seed means the same weights on every machine and .NET version). Values are
/// drawn as float; the double overloads widen the same float values, so a float model and its
/// Float64 twin start identical.
/// </summary>
public struct ParameterInitializer
{
    private ulong _state;

    public ParameterInitializer(int seed)
    {
        // Spread small seeds apart before the first draw.
        _state = 0x9E3779B97F4A7C15UL * (ulong)(uint)seed + 0xD1B54A32D192ED03UL;
    }

    /// <summary>Next 64 random bits (SplitMix64).</summary>
    public ulong NextUInt64()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A float in U(−bound, bound), like PyTorch's <c>uniform_(−bound, bound)</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bound"/> is negative, NaN or infinite.</exception>
    public float NextUniform(double bound)
    {
        CheckBound(bound);
        return Draw(bound);
    }

    // Fills check the bound once, then draw with this (the per-element loops stay check-free).
    private float Draw(double bound)
    {
        var u = (NextUInt64() >> 40) * (1.0 / (1UL << 24)); // 24 random bits: exact in float
        return (float)(-bound + 2.0 * bound * u);
    }

    /// <summary>Fills <paramref name="values"/> with U(−bound, bound).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bound"/> is negative, NaN or infinite.</exception>
    public void Uniform(Span<float> values, double bound)
    {
        CheckBound(bound);
        for (var i = 0; i < values.Length; i++) values[i] = Draw(bound);
    }

    /// <summary>Fills <paramref name="values"/> with the same draws as the float overload, widened.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bound"/> is negative, NaN or infinite.</exception>
    public void Uniform(Span<double> values, double bound)
    {
        CheckBound(bound);
        for (var i = 0; i < values.Length; i++) values[i] = Draw(bound);
    }

    // A NaN or infinite bound filled the parameters with NaN, a negative one drew from U(|b|, −|b|) unnoticed.
    private static void CheckBound(double bound)
    {
        if (!(bound >= 0) || double.IsInfinity(bound))
            throw new ArgumentOutOfRangeException(nameof(bound), bound, "The bound of U(−bound, bound) must be finite and ≥ 0.");
    }
}
