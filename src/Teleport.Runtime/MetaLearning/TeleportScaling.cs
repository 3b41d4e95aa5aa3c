using System;

namespace Teleport.MetaLearning;

/// <summary>
/// The two scalar maps between a meta-network's outputs and the inner step, with their vector-Jacobian products:
/// the teleport's normalisation T̂ = c·T/‖T‖_F (the network chooses only the direction; c = 0.01 in the paper), whose
/// VJP is T̄ = (c/‖T‖)(T̂̄ − ⟨T̂̄, u⟩u) with u = T/‖T‖; and the learned step size η = clamp(o, lo, hi) (the paper's
/// [1e-7, 5e-3]), whose VJP passes ō = η̄ strictly inside the interval and 0 at a bound.
/// </summary>
public static class TeleportScaling
{
    /// <summary>T̂ = c·T/‖T‖ (zero when T is zero); returns ‖T‖.</summary>
    public static double Normalize(ReadOnlySpan<double> raw, double scale, Span<double> normalized)
    {
        ModelArguments.CheckLength(normalized.Length, raw.Length, nameof(normalized));
        var norm = Norm(raw);
        var factor = norm > 0 ? scale / norm : 0;
        for (var i = 0; i < raw.Length; i++) normalized[i] = factor * raw[i];
        return norm;
    }

    /// <summary>T̄ = (c/‖T‖)(T̂̄ − ⟨T̂̄, u⟩u), u = T/‖T‖.</summary>
    public static void NormalizeVjp(ReadOnlySpan<double> raw, double scale, ReadOnlySpan<double> normalizedCotangent, Span<double> rawCotangent)
    {
        ModelArguments.CheckLength(normalizedCotangent.Length, raw.Length, nameof(normalizedCotangent));
        ModelArguments.CheckLength(rawCotangent.Length, raw.Length, nameof(rawCotangent));
        var norm = Norm(raw);
        if (norm == 0)
        {
            rawCotangent[..raw.Length].Clear();
            return;
        }
        double dot = 0;
        for (var i = 0; i < raw.Length; i++) dot += normalizedCotangent[i] * raw[i];
        dot /= norm;
        var factor = scale / norm;
        for (var i = 0; i < raw.Length; i++) rawCotangent[i] = factor * (normalizedCotangent[i] - dot * raw[i] / norm);
    }

    public static double Clamp(double value, double low, double high) => Math.Min(Math.Max(value, low), high);

    /// <summary>∂clamp/∂value: 1 strictly inside (low, high), 0 at or beyond a bound.</summary>
    public static double ClampDerivative(double value, double low, double high) => value > low && value < high ? 1 : 0;

    private static double Norm(ReadOnlySpan<double> values)
    {
        double sum = 0;
        foreach (var v in values) sum += v * v;
        return Math.Sqrt(sum);
    }
}
