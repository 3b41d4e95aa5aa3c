using System;
using System.Numerics;
using System.Numerics.Tensors;
using Teleport.Kernels;

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
    public static unsafe void DiagonalAdjoint<T>(in HiddenLayerBlock<T> layer, Span<T> result)
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
            fixed (T* gradV = layer.GradV, v = layer.V, target = result)
            {
                RangeSplit.Run(new RowDotsPass<T>(gradV, v, target, d), k, (long)k * d, alignment: 1);
            }
        }

        for (int j = 0; layer.HasBias && j < k; j++)
        {
            result[j] += layer.GradB[j] * layer.B[j];
        }

        int r = layer.UColumnGroup;
        if (r == 1)
        {
            // result[j] −= U[i, j]·G_U[i, j] for i in order, vectorised over j in blocks: the same product, then the
            // same subtraction, for each element as the scalar loop (a wide layer's columns shared between the threads).
            fixed (T* u = layer.U, gradU = layer.GradU, target = result)
            {
                RangeSplit.Run(new ColumnProductsPass<T>(u, gradU, target, m, k), k, (long)m * k, ColumnAlignment);
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

    /// <summary>
    /// Column ranges of a pass split between the threads start on multiples of this (a cache line of floats): the two
    /// threads write at most one line in common at each boundary, none when the result starts on a line.
    /// </summary>
    private const int ColumnAlignment = 16;

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

        var workspace = new WorkspaceCarver<T>(KernelWorkspace<T>.Rent((squared ? covector.Width : 0) + ScaleScratch(covector), nameof(covector)));
        if (!squared)
        {
            return ScaleRowsAndColumns(g, covector, inverse: true, workspace.Rest());
        }

        Span<T> squares = workspace.Take(covector.Width);
        TensorPrimitives.Multiply(g, g, squares);
        return ScaleRowsAndColumns<T>(squares, covector, inverse: true, workspace.Rest());
    }

    /// <summary>
    /// Scratch values <see cref="ScaleRowsAndColumns"/> needs: U's largest magnitude per column (one vector per thread),
    /// V's per row, and a factor per column when columns come in groups.
    /// </summary>
    private static long ScaleScratch<T>(in HiddenLayerBlock<T> layer)
        where T : unmanaged, IFloatingPointIeee754<T> => (long)layer.UColumns * (layer.UColumnGroup == 1 ? 2 : 3) + layer.Width;

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
    /// single multiplication or division it always got, so the result is the same to the bit. The four
    /// passes (U's and V's largest magnitudes, then V's and U's scaling) run on both threads for a wide layer
    /// (<see cref="RangeSplit"/>), all by rows: each thread the rows of V and U it holds from the products.
    /// </remarks>
    private static unsafe bool ScaleRowsAndColumns<T>(ReadOnlySpan<T> s, in HiddenLayerBlock<T> layer, bool inverse, Span<T> scratch)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int k = layer.Width, d = layer.InputSize, m = layer.NextWidth, r = layer.UColumnGroup, columns = k * r;
        Span<T> v = layer.V, b = layer.B, u = layer.U;
        var carver = new WorkspaceCarver<T>(scratch);

        // largest[c] = the largest-magnitude U[i, c] over i (NaN if any is NaN); rowLargest[j] = V[j, :]'s.
        Span<T> largest = carver.Take(columns), workerLargest = carver.Take(columns);
        Span<T> rowLargest = carver.Take(k);
        largest.Clear();
        workerLargest.Clear();
        fixed (T* pu = u, pv = v, pLargest = largest, pWorkerLargest = workerLargest, pRowLargest = rowLargest)
        {
            var columnLargest = new ColumnLargestPass<T>(pu, pLargest, pWorkerLargest, columns);
            RangeSplit.Run(columnLargest, m, (long)m * columns, alignment: 1);
            columnLargest.Combine();
            RangeSplit.Run(new RowLargestPass<T>(pv, pRowLargest, d), k, (long)k * d, alignment: 1);
        }

        for (int j = 0; j < k; j++)
        {
            T rowFactor = inverse ? T.One / s[j] : s[j];
            T columnFactor = inverse ? s[j] : T.One / s[j];
            T rowMost = rowLargest[j];
            if (!b.IsEmpty)
            {
                rowMost = T.Max(rowMost, T.Abs(b[j]));
            }

            if (!T.IsFinite(rowMost * rowFactor) || !T.IsFinite(rowFactor) || !T.IsFinite(columnFactor))
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

        fixed (T* pv = v, pb = b, ps = s, pu = u, pFactors = factors)
        {
            RangeSplit.Run(new ScaleRowsPass<T>(pv, pb, ps, d, inverse), k, (long)k * d, alignment: 1);
            RangeSplit.Run(new ScaleColumnsPass<T>(pu, pFactors, columns, inverse), m, (long)m * columns, alignment: 1);
        }

        return true;
    }
}
