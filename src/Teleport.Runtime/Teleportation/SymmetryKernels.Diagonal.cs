using System;
using System.Numerics;
using System.Numerics.Tensors;

namespace Teleport.Teleportation;

public static partial class SymmetryKernels
{
    /// <summary>
    /// S2 adjoint: ∂f(g·θ)/∂t for the positive diagonal group g = diag(e^t) on a positively
    /// homogeneous layer: t_j = Σ_l G_V[j,l]·V[j,l] + G_b[j]·b[j] − Σ_i U[i,j]·G_U[i,j] (k values).
    /// </summary>
    /// <remarks>
    /// Derivation (DESIGN.md "Symmetries", S2): the diagonal group is the subgroup of S1's GL(k) with
    /// T = diag(t), so ∂f/∂t_j is the diagonal of S1's adjoint G_V·Vᵀ + G_b·bᵀ − Uᵀ·G_U:
    /// (G_V·Vᵀ)[j,j] = Σ_l G_V[j,l]V[j,l], (G_b·bᵀ)[j,j] = G_b[j]b[j], (Uᵀ·G_U)[j,j] = Σ_i U[i,j]G_U[i,j].
    /// Only the diagonal is formed: O(k·(d + m)) work. Allocates nothing.
    /// </remarks>
    public static void DiagonalAdjoint<T>(
        ReadOnlySpan<T> gradV, ReadOnlySpan<T> v, ReadOnlySpan<T> gradB, ReadOnlySpan<T> b,
        ReadOnlySpan<T> u, ReadOnlySpan<T> gradU, Span<T> result, int k, int d, int m)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckBlock(gradV, v, gradB, b, u, gradU, k, d, m);
        SymmetryArguments.Matrix(result.Length, k, 1, nameof(result));
        Span<T> dots = KernelWorkspace<T>.Rent(k);
        for (int j = 0; j < k; j++)
        {
            dots[j] = TensorPrimitives.Dot(gradV.Slice(j * d, d), v.Slice(j * d, d));
        }

        DiagonalAdjointFromProduct<T>(dots, gradB, b, u, gradU, result, k, m);
    }

    /// <summary>
    /// S2 action: V[j,:] → g_j·V[j,:], b[j] → g_j·b[j], U[:,j] → U[:,j]/g_j (exact for any data when
    /// σ is positively homogeneous: σ(g_j·z) = g_j·σ(z) for g_j &gt; 0). Returns false, leaving the
    /// parameters unchanged, unless every g_j is finite and &gt; 0 and every new value is finite.
    /// </summary>
    public static bool DiagonalAction<T>(ReadOnlySpan<T> g, Span<T> v, Span<T> b, Span<T> u, int k, int d, int m)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckParameters(g, k, v, b, u, k, d, m);
        return IsPositiveFinite(g) && ScaleRowsAndColumns(g, v, b, u, k, d, m, inverse: false);
    }

    /// <summary>
    /// S2 covector transport (exact, also for second moments): G_V[j,:] → G_V[j,:]/g_j,
    /// G_b[j] → G_b[j]/g_j, G_U[:,j] → g_j·G_U[:,j]; with <paramref name="squared"/> the factors are
    /// squared (1/g_j², g_j²), which is exact for elementwise second moments since each parameter is
    /// multiplied by a single factor. Returns false (unchanged) unless every g_j is finite and &gt; 0.
    /// </summary>
    public static bool DiagonalTransport<T>(ReadOnlySpan<T> g, Span<T> covV, Span<T> covB, Span<T> covU, int k, int d, int m, bool squared)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckParameters(g, k, covV, covB, covU, k, d, m);
        if (!IsPositiveFinite(g))
        {
            return false;
        }

        if (!squared)
        {
            return ScaleRowsAndColumns(g, covV, covB, covU, k, d, m, inverse: true);
        }

        Span<T> squares = KernelWorkspace<T>.Rent(k);
        TensorPrimitives.Multiply(g, g, squares);
        return ScaleRowsAndColumns<T>(squares, covV, covB, covU, k, d, m, inverse: true);
    }

    private static bool IsPositiveFinite<T>(ReadOnlySpan<T> g)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        foreach (T value in g)
        {
            if (!(value > T.Zero) || !T.IsFinite(value))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Rows of V and b times s_j and columns of U divided by s_j (or the reverse when
    /// <paramref name="inverse"/>), all-or-nothing: first checks that no value overflows.
    /// </summary>
    private static bool ScaleRowsAndColumns<T>(ReadOnlySpan<T> s, Span<T> v, Span<T> b, Span<T> u, int k, int d, int m, bool inverse)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int j = 0; j < k; j++)
        {
            T rowFactor = inverse ? T.One / s[j] : s[j];
            T columnFactor = inverse ? s[j] : T.One / s[j];
            T rowLargest = T.Abs(TensorPrimitives.MaxMagnitude(v.Slice(j * d, d)));
            if (!b.IsEmpty)
            {
                rowLargest = T.Max(rowLargest, T.Abs(b[j]));
            }

            T columnLargest = T.Zero;
            for (int i = 0; i < m; i++)
            {
                columnLargest = T.Max(columnLargest, T.Abs(u[i * k + j]));
            }

            if (!T.IsFinite(rowLargest * rowFactor) || !T.IsFinite(columnLargest * columnFactor) || !T.IsFinite(rowFactor) || !T.IsFinite(columnFactor))
            {
                return false;
            }
        }

        for (int j = 0; j < k; j++)
        {
            // Divide rather than multiply by a reciprocal, so that g then g⁻¹ round-trips closely.
            Span<T> row = v.Slice(j * d, d);
            if (inverse)
            {
                TensorPrimitives.Divide(row, s[j], row);
            }
            else
            {
                TensorPrimitives.Multiply(row, s[j], row);
            }

            if (!b.IsEmpty)
            {
                b[j] = inverse ? b[j] / s[j] : b[j] * s[j];
            }

            for (int i = 0; i < m; i++)
            {
                ref T value = ref u[i * k + j];
                value = inverse ? value * s[j] : value / s[j];
            }
        }

        return true;
    }
}
