using System;
using System.Numerics;
using Teleport.LinearAlgebra;

namespace Teleport.Teleportation;

/// <summary>
/// Maps a Lie-algebra step X to a group element g with a <see cref="GroupElementMap"/>: for GL(k)
/// a k×k matrix, for the positive diagonal group k positive factors.
/// </summary>
/// <remarks>
/// A full element from <see cref="GroupElementMap.Cayley"/> or <see cref="GroupElementMap.FirstOrder"/>
/// is accepted only if its LU factorization has a pivot ratio min|U[i,i]|/max|g[i,j]| of at least
/// <see cref="MinimumPivotRatio{T}"/> = √ε: far from singular, so that U·g⁻¹ in the actions is
/// well conditioned. e^X is always invertible and only has to be finite. A diagonal element must have
/// every factor finite and &gt; 0 (1 + x fails for x ≤ −1, the Cayley form for |x| ≥ 2).
/// </remarks>
public static class GroupElements
{
    /// <summary>Workspace elements <see cref="TryMap{T}"/> needs for a k×k element: 7k² (the exponential's).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> is negative, or 7k² is more than an array holds.</exception>
    public static int WorkspaceLength(int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        // The exponential's 7k², checked here so that a k too large is named as this method's k, not the exponential's n.
        return LinearAlgebra.MatrixArguments.ElementCount(7L * k * k, nameof(k), k, "The workspace 7k²");
    }

    /// <summary>The smallest LU pivot ratio accepted for a full element: √ε (1.5e-8 in double, 3.5e-4 in float).</summary>
    public static double MinimumPivotRatio<T>()
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Math.Sqrt(double.CreateTruncating(T.BitIncrement(T.One) - T.One));

    /// <summary>
    /// Writes g = map(X) for the k×k <paramref name="x"/> into <paramref name="g"/> (not overlapping
    /// <paramref name="x"/> or the workspace); false when X or g is not finite or g fails the
    /// invertibility test. Allocates nothing.
    /// </summary>
    public static bool TryMap<T>(GroupElementMap map, ReadOnlySpan<T> x, Span<T> g, int k, Span<T> workspace, Span<int> pivots)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        int kk = k * k;
        SymmetryArguments.Matrix(x.Length, k, k, nameof(x));
        SymmetryArguments.Matrix(g.Length, k, k, nameof(g));
        if (workspace.Length < WorkspaceLength(k))
        {
            throw new ArgumentException($"'workspace' has {workspace.Length} values, {WorkspaceLength(k)} are needed.", nameof(workspace));
        }

        if (pivots.Length < k)
        {
            throw new ArgumentException($"'pivots' has {pivots.Length} values, {k} are needed.", nameof(pivots));
        }

        switch (map)
        {
            case GroupElementMap.Exponential:
                return MatrixExponential.TryCompute(x, k, g, workspace);
            case GroupElementMap.Cayley:
                if (!Cayley.TryCompute(x, k, g, workspace))
                {
                    return false;
                }

                break;
            case GroupElementMap.FirstOrder:
                x.CopyTo(g);
                SmallMatrix.AddToDiagonal(g, k, T.One);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(map), map, "Unknown group element map.");
        }

        // Invertibility: LU on a copy, pivot ratio ≥ √ε
        Span<T> lu = workspace[..kk];
        g[..kk].CopyTo(lu);
        LuResult factored = LuDecomposition.Factor(lu, k, pivots[..k]);
        return factored.Succeeded && factored.PivotRatio >= MinimumPivotRatio<T>();
    }

    /// <summary>
    /// Writes g_j = map(x_j) elementwise (e^x, (1 + x/2)/(1 − x/2) or 1 + x); false unless every
    /// g_j is finite and &gt; 0. Allocates nothing.
    /// </summary>
    public static bool TryMapDiagonal<T>(GroupElementMap map, ReadOnlySpan<T> x, Span<T> g)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (g.Length != x.Length)
        {
            throw new ArgumentException($"'g' has {g.Length} values but 'x' has {x.Length}.", nameof(g));
        }

        T half = T.CreateTruncating(0.5);
        for (int j = 0; j < x.Length; j++)
        {
            T value = map switch
            {
                GroupElementMap.Exponential => T.Exp(x[j]),
                GroupElementMap.Cayley => (T.One + half * x[j]) / (T.One - half * x[j]),
                GroupElementMap.FirstOrder => T.One + x[j],
                _ => throw new ArgumentOutOfRangeException(nameof(map), map, "Unknown group element map."),
            };
            if (!(value > T.Zero) || !T.IsFinite(value))
            {
                return false;
            }

            g[j] = value;
        }

        return true;
    }
}
