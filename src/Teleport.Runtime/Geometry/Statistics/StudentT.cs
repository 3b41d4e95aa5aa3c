using System;

namespace Teleport.Geometry.Statistics;

/// <summary>Student's t distribution: the two-sided tail probability used by the correlation tests.</summary>
public static class StudentT
{
    /// <summary>
    /// P(|T| ≥ |t|) for T with <paramref name="degreesOfFreedom"/> ν &gt; 0:
    /// I_{ν/(ν + t²)}(ν/2, ½) (regularized incomplete beta). NaN for NaN t or ν ≤ 0.
    /// </summary>
    public static double TwoSidedPValue(double t, double degreesOfFreedom)
    {
        if (double.IsNaN(t) || !(degreesOfFreedom > 0)) return double.NaN;
        if (double.IsInfinity(t)) return 0;
        var x = degreesOfFreedom / (degreesOfFreedom + t * t);
        return Math.Clamp(IncompleteBeta.Regularized(degreesOfFreedom / 2, 0.5, x), 0, 1);
    }
}
