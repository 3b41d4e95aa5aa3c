using System;

namespace Teleport.Geometry;

/// <summary>
/// Eigenvalues and eigenvectors of a small symmetric tridiagonal matrix (the Lanczos matrix), by the QL
/// algorithm with implicit Wilkinson shifts. Allocation-free: the caller owns every buffer.
/// </summary>
internal static class SymmetricTridiagonal
{
    private const int MaxSweepsPerEigenvalue = 60;

    /// <summary>
    /// On entry <paramref name="diagonal"/> holds T[i,i] and <paramref name="offDiagonal"/> T[i,i+1] (i &lt; n − 1; entry
    /// n − 1 is scratch); on return <paramref name="diagonal"/> holds the eigenvalues and column j of
    /// <paramref name="vectors"/> (n×n row-major) the unit eigenvector of eigenvalue j. Returns false if an
    /// eigenvalue did not converge in 60 sweeps (not seen for Lanczos matrices).
    /// </summary>
    public static bool Decompose(Span<double> diagonal, Span<double> offDiagonal, Span<double> vectors, int n)
    {
        var d = diagonal[..n];
        var e = offDiagonal[..n];
        var z = vectors[..(n * n)];
        z.Clear();
        for (var i = 0; i < n; i++) z[i * n + i] = 1;
        e[n - 1] = 0;
        for (var l = 0; l < n; l++)
        {
            for (var sweep = 0; ; sweep++)
            {
                // The first negligible off-diagonal entry at or below l splits the matrix.
                var m = l;
                for (; m < n - 1; m++)
                {
                    var scale = Math.Abs(d[m]) + Math.Abs(d[m + 1]);
                    if (Math.Abs(e[m]) <= double.Epsilon + 2.2e-16 * scale) break;
                }
                if (m == l) break;
                if (sweep == MaxSweepsPerEigenvalue) return false;
                // Wilkinson shift from the leading 2×2 block, then a chain of Givens rotations from m − 1 up to l.
                var g = (d[l + 1] - d[l]) / (2 * e[l]);
                var r = Hypot(g, 1);
                g = d[m] - d[l] + e[l] / (g + (g >= 0 ? r : -r));
                double s = 1, c = 1, p = 0;
                var i = m - 1;
                var deflated = false;
                for (; i >= l; i--)
                {
                    var f = s * e[i];
                    var b = c * e[i];
                    r = Hypot(f, g);
                    e[i + 1] = r;
                    if (r == 0)
                    {
                        d[i + 1] -= p;
                        e[m] = 0;
                        deflated = true;
                        break;
                    }
                    s = f / r;
                    c = g / r;
                    g = d[i + 1] - p;
                    r = (d[i] - g) * s + 2 * c * b;
                    p = s * r;
                    d[i + 1] = g + p;
                    g = c * r - b;
                    for (var k = 0; k < n; k++)
                    {
                        var right = z[k * n + i + 1];
                        var left = z[k * n + i];
                        z[k * n + i + 1] = s * left + c * right;
                        z[k * n + i] = c * left - s * right;
                    }
                }
                if (deflated) continue;
                d[l] -= p;
                e[l] = g;
                e[m] = 0;
            }
        }
        return true;
    }

    private static double Hypot(double a, double b)
    {
        var x = Math.Abs(a);
        var y = Math.Abs(b);
        if (x < y) (x, y) = (y, x);
        if (x == 0) return 0;
        var ratio = y / x;
        return x * Math.Sqrt(1 + ratio * ratio);
    }
}
