using System;
using System.Numerics;

namespace Teleport.Geometry;

/// <summary>
/// The curvature of a curve γ in parameter space from its derivatives at one point (Zhao et al. 2024, Eq. 47):
/// κ = √(‖γ′‖²‖γ″‖² − ⟨γ′, γ″⟩²)/‖γ′‖³, and its rate of change along the curve κ′ from γ′, γ″, γ‴ in closed form
/// (generalization-and-meta-learning.md A5): with a = ‖γ′‖², b = ‖γ″‖², c = ⟨γ′, γ″⟩, N = ab − c²,
/// a′ = 2c, b′ = 2⟨γ″, γ‴⟩, c′ = b + ⟨γ′, γ‴⟩, N′ = a′b + ab′ − 2cc′ and
/// κ′ = N′/(2√N·a^{3/2}) − (3/2)·√N·a′/a^{5/2}. Sums are accumulated in double.
/// </summary>
public static class CurveCurvature
{
    /// <summary>κ from γ′ and γ″ (0 when γ′ = 0 or the two are parallel).</summary>
    public static double Kappa<T>(ReadOnlySpan<T> first, ReadOnlySpan<T> second) where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckLengths(first.Length, second.Length, second.Length);
        double a = 0, b = 0, c = 0;
        for (var i = 0; i < first.Length; i++)
        {
            double x = double.CreateTruncating(first[i]), y = double.CreateTruncating(second[i]);
            a += x * x;
            b += y * y;
            c += x * y;
        }
        return Kappa(a, b, c);
    }

    /// <summary>κ and κ′ = dκ/dt from γ′, γ″ and γ‴.</summary>
    public static (double Kappa, double Derivative) KappaAndDerivative<T>(ReadOnlySpan<T> first, ReadOnlySpan<T> second, ReadOnlySpan<T> third)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckLengths(first.Length, second.Length, third.Length);
        double a = 0, b = 0, c = 0, bt = 0, at = 0;
        for (var i = 0; i < first.Length; i++)
        {
            double x = double.CreateTruncating(first[i]), y = double.CreateTruncating(second[i]), z = double.CreateTruncating(third[i]);
            a += x * x;
            b += y * y;
            c += x * y;
            bt += y * z;
            at += x * z;
        }
        var kappa = Kappa(a, b, c);
        var n = a * b - c * c;
        if (a <= 0 || n <= 0) return (kappa, 0);
        double da = 2 * c, db = 2 * bt, dc = b + at;
        var dn = da * b + a * db - 2 * c * dc;
        var derivative = dn / (2 * Math.Sqrt(n) * Math.Pow(a, 1.5)) - 1.5 * Math.Sqrt(n) * da / Math.Pow(a, 2.5);
        return (kappa, derivative);
    }

    private static double Kappa(double a, double b, double c)
    {
        if (a <= 0) return 0;
        return Math.Sqrt(Math.Max(a * b - c * c, 0)) / Math.Pow(a, 1.5);
    }

    private static void CheckLengths(int first, int second, int third)
    {
        if (first != second || first != third)
            throw new ArgumentException($"γ′, γ″ and γ‴ must have one length; got {first}, {second} and {third}.", first != second ? nameof(second) : nameof(third));
    }
}
