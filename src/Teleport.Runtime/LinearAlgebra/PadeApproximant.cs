using System;

namespace Teleport.LinearAlgebra;

/// <summary>
/// Diagonal Padé approximants r_m(x) = p_m(x)/p_m(−x) of eˣ and the norm bounds θ_m below which
/// they are accurate to unit roundoff (Higham, "The scaling and squaring method for the matrix
/// exponential revisited", SIAM J. Matrix Anal. Appl. 26(4), 2005, Table 2.3).
/// </summary>
internal static class PadeApproximant
{
    /// <summary>Orders tried for double precision, smallest first; the last one is used with scaling.</summary>
    public static readonly int[] DoubleOrders = [3, 5, 7, 9, 13];

    /// <summary>θ_m for double (u = 2⁻⁵³), matching <see cref="DoubleOrders"/>.</summary>
    public static readonly double[] DoubleThetas =
        [1.495585217958292e-2, 2.539398330063230e-1, 9.504178996162932e-1, 2.097847961257068e0, 5.371920351148152e0];

    /// <summary>Orders tried for single precision, smallest first; the last one is used with scaling.</summary>
    public static readonly int[] SingleOrders = [3, 5, 7];

    /// <summary>θ_m for single (u = 2⁻²⁴), matching <see cref="SingleOrders"/>.</summary>
    public static readonly double[] SingleThetas = [4.258730016922831e-1, 1.880152677804762e0, 3.925724783138660e0];

    private static readonly double[][] CoefficientTable = Build();

    /// <summary>
    /// c_0 … c_m of p_m(x) = Σ c_j xʲ with c_j = (2m − j)!·m! / ((2m)!·j!·(m − j)!), so c_0 = 1
    /// (computed by the recurrence c_{j+1} = c_j·(m − j) / ((2m − j)(j + 1))).
    /// </summary>
    public static ReadOnlySpan<double> Coefficients(int m) => CoefficientTable[m];

    private static double[][] Build()
    {
        var table = new double[14][];
        foreach (int m in DoubleOrders)
        {
            var c = new double[m + 1];
            c[0] = 1;
            for (int j = 0; j < m; j++)
            {
                c[j + 1] = c[j] * (m - j) / ((2.0 * m - j) * (j + 1));
            }

            table[m] = c;
        }

        return table;
    }
}
