using System;
using System.Numerics;
using System.Numerics.Tensors;

namespace Teleport.Teleportation;

public static partial class SymmetryKernels
{
    /// <summary>
    /// S2 adjoint: ∂f(g·θ)/∂t for the positive diagonal group g = diag(e^t) on a positively
    /// homogeneous layer: t_j = Σ_l G_V[j,l]·V[j,l] + G_b[j]·b[j] − Σ_i Σ_{s&lt;r} U[i,j·r+s]·G_U[i,j·r+s] (k values;
    /// r = <see cref="HiddenLayerBlock{T}.UColumnGroup"/>, 1 between dense layers).
    /// Reads G_V and V (or <see cref="HiddenLayerBlock{T}.GradVDotV"/>), G_b, b, U and G_U.
    /// </summary>
    /// <remarks>
    /// Derivation (docs/ARCHITECTURE.md, "Symmetries", S2): the diagonal group is the subgroup of S1's GL(k) with
    /// T = diag(t), so ∂f/∂t_j is the diagonal of S1's adjoint G_V·Vᵀ + G_b·bᵀ − Uᵀ·G_U:
    /// (G_V·Vᵀ)[j,j] = Σ_l G_V[j,l]V[j,l], (G_b·bᵀ)[j,j] = G_b[j]b[j], (Uᵀ·G_U)[j,j] = Σ_i U[i,j]G_U[i,j].
    /// Only the diagonal is formed: O(k·(d + m·r)) work. With column groups (a convolution's channel j owning r
    /// columns of U) the action U → U·(D⁻¹ ⊗ I_r) moves δU[i, j·r+s] = −t_j·U[i, j·r+s], hence the sum over s.
    /// Allocates nothing.
    /// </remarks>
    public static void DiagonalAdjoint<T>(in HiddenLayerBlock<T> layer, Span<T> result)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int k = layer.Width, d = layer.InputSize, m = layer.NextWidth;
        layer.CheckSizes(batch: false);
        layer.CheckNextLayerGradients();
        SymmetryArguments.Bias(layer.B.Length, k, layer.HasBias, nameof(layer.B));
        SymmetryArguments.Matrix(result.Length, k, 1, nameof(result));
        if (!layer.GradVDotV.IsEmpty)
        {
            SymmetryArguments.Matrix(layer.GradVDotV.Length, k, 1, nameof(layer.GradVDotV));
            layer.GradVDotV.CopyTo(result);
        }
        else
        {
            SymmetryArguments.Matrix(layer.GradV.Length, k, d, nameof(layer.GradV));
            SymmetryArguments.Matrix(layer.V.Length, k, d, nameof(layer.V));
            for (int j = 0; j < k; j++)
            {
                result[j] = TensorPrimitives.Dot(layer.GradV.Slice(j * d, d), layer.V.Slice(j * d, d));
            }
        }

        for (int j = 0; layer.HasBias && j < k; j++)
        {
            result[j] += layer.GradB[j] * layer.B[j];
        }

        int r = layer.UColumnGroup;
        if (r == 1)
        {
            // result[j] −= U[i, j]·G_U[i, j] row by row, vectorised over j in blocks: the same product,
            // then the same subtraction, for each element as the scalar loop.
            Span<T> products = stackalloc T[ProductBlock];
            for (int i = 0; i < m; i++)
            {
                ReadOnlySpan<T> uRow = layer.U.Slice(i * k, k), gRow = layer.GradU.Slice(i * k, k);
                for (int j = 0; j < k; j += ProductBlock)
                {
                    int count = Math.Min(ProductBlock, k - j);
                    Span<T> block = products[..count];
                    TensorPrimitives.Multiply(uRow.Slice(j, count), gRow.Slice(j, count), block);
                    TensorPrimitives.Subtract(result.Slice(j, count), block, result.Slice(j, count));
                }
            }

            return;
        }

        for (int i = 0; i < m; i++)
        {
            ReadOnlySpan<T> uRow = layer.U.Slice(i * k * r, k * r), gRow = layer.GradU.Slice(i * k * r, k * r);
            for (int j = 0; j < k; j++)
            {
                // Σ_{s<r} U[i, j·r + s]·G_U[i, j·r + s]: unit j's group of columns
                result[j] -= TensorPrimitives.Dot(uRow.Slice(j * r, r), gRow.Slice(j * r, r));
            }
        }
    }

    /// <summary>Elements per block of the vectorised adjoint's products (on the stack).</summary>
    private const int ProductBlock = 64;

    /// <summary>
    /// S2 action: V[j,:] → g_j·V[j,:], b[j] → g_j·b[j], U[:,j] → U[:,j]/g_j (every column of unit j's group with
    /// column groups; exact for any data when σ is positively homogeneous: σ(g_j·z) = g_j·σ(z) for g_j &gt; 0). Returns
    /// <see cref="GroupActionResult.Undefined"/>, leaving the parameters unchanged, unless every g_j
    /// is finite and &gt; 0 and every new value is finite.
    /// </summary>
    public static GroupActionResult DiagonalAction<T>(ReadOnlySpan<T> g, in HiddenLayerBlock<T> layer)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckElement(g, layer.Width, layer);
        return IsPositiveFinite(g) && ScaleRowsAndColumns(g, layer, inverse: false, KernelWorkspace<T>.Rent(ScaleScratch(layer)))
            ? GroupActionResult.Applied
            : GroupActionResult.Undefined;
    }

    /// <summary>
    /// S2 covector transport (exact, also for second moments): G_V[j,:] → G_V[j,:]/g_j,
    /// G_b[j] → G_b[j]/g_j, G_U[:,j] → g_j·G_U[:,j], on <paramref name="covector"/>'s V, b and U in
    /// place; with <paramref name="squared"/> the factors are squared (1/g_j², g_j²), which is exact
    /// for elementwise second moments since each parameter is multiplied by a single factor. Returns
    /// false (unchanged) unless every g_j is finite and &gt; 0.
    /// </summary>
    public static bool DiagonalTransport<T>(ReadOnlySpan<T> g, in HiddenLayerBlock<T> covector, bool squared)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckElement(g, covector.Width, covector);
        if (!IsPositiveFinite(g))
        {
            return false;
        }

        var workspace = new WorkspaceCarver<T>(KernelWorkspace<T>.Rent((squared ? covector.Width : 0) + ScaleScratch(covector)));
        if (!squared)
        {
            return ScaleRowsAndColumns(g, covector, inverse: true, workspace.Rest());
        }

        Span<T> squares = workspace.Take(covector.Width);
        TensorPrimitives.Multiply(g, g, squares);
        return ScaleRowsAndColumns<T>(squares, covector, inverse: true, workspace.Rest());
    }

    /// <summary>Scratch values <see cref="ScaleRowsAndColumns"/> needs: U's largest magnitude per column, and a factor per column when columns come in groups.</summary>
    private static int ScaleScratch<T>(in HiddenLayerBlock<T> layer)
        where T : unmanaged, IFloatingPointIeee754<T> => layer.UColumns * (layer.UColumnGroup == 1 ? 1 : 2);

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
    /// <remarks>
    /// U is row-major [m × k·r], so a column is strided: both the check and the scaling walk U a
    /// row at a time against a vector of per-column values (U's largest magnitude so far; the factor
    /// s_j repeated over unit j's r columns), contiguous and vectorised. Each element still gets the
    /// single multiplication or division it always got, so the result is the same to the bit.
    /// </remarks>
    private static bool ScaleRowsAndColumns<T>(ReadOnlySpan<T> s, in HiddenLayerBlock<T> layer, bool inverse, Span<T> scratch)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int k = layer.Width, d = layer.InputSize, m = layer.NextWidth, r = layer.UColumnGroup, columns = k * r;
        Span<T> v = layer.V, b = layer.B, u = layer.U;
        var carver = new WorkspaceCarver<T>(scratch);

        // largest[c] = the largest-magnitude U[i, c] over i (NaN if any is NaN).
        Span<T> largest = carver.Take(columns);
        largest.Clear();
        for (int i = 0; i < m; i++)
        {
            TensorPrimitives.MaxMagnitude(largest, u.Slice(i * columns, columns), largest);
        }

        for (int j = 0; j < k; j++)
        {
            T rowFactor = inverse ? T.One / s[j] : s[j];
            T columnFactor = inverse ? s[j] : T.One / s[j];
            T rowLargest = T.Abs(TensorPrimitives.MaxMagnitude(v.Slice(j * d, d)));
            if (!b.IsEmpty)
            {
                rowLargest = T.Max(rowLargest, T.Abs(b[j]));
            }

            if (!T.IsFinite(rowLargest * rowFactor) || !T.IsFinite(rowFactor) || !T.IsFinite(columnFactor))
            {
                return false;
            }

            for (int c = j * r; c < (j + 1) * r; c++)
            {
                if (!T.IsFinite(largest[c] * columnFactor))
                {
                    return false;
                }
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
        }

        // U[:, j·r + t] times s_j (inverse) or divided by it, one row at a time.
        ReadOnlySpan<T> factors = s[..k];
        if (r > 1)
        {
            Span<T> expanded = carver.Take(columns);
            for (int c = 0; c < columns; c++)
            {
                expanded[c] = s[c / r];
            }

            factors = expanded;
        }

        for (int i = 0; i < m; i++)
        {
            Span<T> uRow = u.Slice(i * columns, columns);
            if (inverse)
            {
                TensorPrimitives.Multiply(uRow, factors, uRow);
            }
            else
            {
                TensorPrimitives.Divide(uRow, factors, uRow);
            }
        }

        return true;
    }
}
