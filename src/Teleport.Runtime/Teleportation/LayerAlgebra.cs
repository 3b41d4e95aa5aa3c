using System;
using System.Numerics;
using System.Numerics.Tensors;
using Teleport.Kernels;
using Teleport.LinearAlgebra;

namespace Teleport.Teleportation;

/// <summary>
/// The dense building blocks the symmetry kernels share: the three product shapes, the layer's
/// pre-activation, outer products, inverses and finiteness checks, all on row-major spans.
/// </summary>
/// <remarks>
/// Products go through the register-tiled <see cref="MatrixMultiply"/> for float and double (the
/// type test is a JIT-time constant per instantiation); <see cref="SmallMatrix"/> is the fallback for
/// other types. Destinations never overlap inputs.
/// </remarks>
internal static class LayerAlgebra
{
    /// <summary>C[m×n] = A[m×k]·B[k×n].</summary>
    public static void NN<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int k, int n)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (HasKernel<T>()) MatrixMultiply.Multiply(a, b, c, m, k, n, accumulate: false, transposeA: false, transposeB: false);
        else SmallMatrix.MultiplyNN(a, b, c, m, k, n);
    }

    /// <summary>C[m×n] = A[m×k]·B[n×k]ᵀ.</summary>
    public static void NT<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int k, int n)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (HasKernel<T>()) MatrixMultiply.Multiply(a, b, c, m, k, n, accumulate: false, transposeA: false, transposeB: true);
        else SmallMatrix.MultiplyNT(a, b, c, m, k, n);
    }

    /// <summary>C[m×n] = A[k×m]ᵀ·B[k×n].</summary>
    public static void TN<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int k, int n)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (HasKernel<T>()) MatrixMultiply.Multiply(a, b, c, m, k, n, accumulate: false, transposeA: true, transposeB: false);
        else SmallMatrix.MultiplyTN(a, b, c, m, k, n);
    }

    /// <summary>K[n×n] = X[n×d]·Xᵀ: the Gram kernel (half the work, bit-identical to <see cref="NT{T}"/> of X with itself).</summary>
    public static void Gram<T>(ReadOnlySpan<T> x, Span<T> gram, int n, int d)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (HasKernel<T>()) MatrixMultiply.Gram(x, gram, n, d);
        else SmallMatrix.MultiplyNT(x, x, gram, n, d, n);
    }

    /// <summary>Whether <see cref="MatrixMultiply"/> serves T (float, double); a JIT-time constant.</summary>
    private static bool HasKernel<T>() => typeof(T) == typeof(float) || typeof(T) == typeof(double);

    /// <summary>destination [cols×rows] = source [rows×cols]ᵀ.</summary>
    public static void Transpose<T>(ReadOnlySpan<T> source, int rows, int cols, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T> => SmallMatrix.Transpose(source, rows, cols, destination);

    /// <summary>Z[n×k] = H[n×d]·V[k×d]ᵀ + 1·bᵀ (no bias term when <paramref name="b"/> is empty).</summary>
    public static void PreActivation<T>(ReadOnlySpan<T> h, ReadOnlySpan<T> v, ReadOnlySpan<T> b, Span<T> z, int n, int k, int d)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        NT(h, v, z, n, d, k);
        if (!b.IsEmpty) RowVector.AddToRows(z, b, n, k);
    }

    /// <summary>result[k×k] += x·yᵀ for two k-vectors; nothing when they are empty (no bias).</summary>
    public static void AddOuter<T>(Span<T> result, ReadOnlySpan<T> x, ReadOnlySpan<T> y, int k)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (x.IsEmpty)
        {
            return;
        }

        for (int j = 0; j < k; j++)
        {
            Span<T> row = result.Slice(j * k, k);
            TensorPrimitives.MultiplyAdd(y, x[j], row, row);
        }
    }

    /// <summary>result[k×k] −= U[m×k]ᵀ·G_U[m×k], one axpy per (row of U, column of the result).</summary>
    public static void SubtractTransposeProduct<T>(ReadOnlySpan<T> u, ReadOnlySpan<T> gradU, Span<T> result, int k, int m)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < m; i++)
        {
            ReadOnlySpan<T> uRow = u.Slice(i * k, k);
            ReadOnlySpan<T> gRow = gradU.Slice(i * k, k);
            for (int j = 0; j < k; j++)
            {
                Span<T> row = result.Slice(j * k, k);
                TensorPrimitives.MultiplyAdd(gRow, -uRow[j], row, row);
            }
        }
    }

    /// <summary>
    /// result[k×k] −= Σ_{s&lt;r} U_sᵀ·G_U,s where U_s [m×k] holds the columns j·r + s of U [m×k·r] (unit j's group):
    /// both are regrouped into [k × m·r] (row j = unit j's columns of every row of U) in per-thread scratch, then
    /// one product Ũ·G̃ᵀ.
    /// </summary>
    public static void SubtractGroupedTransposeProduct<T>(ReadOnlySpan<T> u, ReadOnlySpan<T> gradU, Span<T> result, int k, int m, int r)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int width = m * r;
        var work = new WorkspaceCarver<T>(KernelWorkspace<T>.Rent(2 * k * width + k * k));
        Span<T> regroupedU = work.Take(k * width), regroupedG = work.Take(k * width), product = work.Take(k * k);
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < k; j++)
            {
                u.Slice((i * k + j) * r, r).CopyTo(regroupedU.Slice(j * width + i * r, r));
                gradU.Slice((i * k + j) * r, r).CopyTo(regroupedG.Slice(j * width + i * r, r));
            }
        }

        NT<T>(regroupedU, regroupedG, product, k, width, k);
        TensorPrimitives.Subtract(result, product, result);
    }

    /// <summary>destination = σ(source) elementwise with the operator struct <typeparamref name="TOperator"/> (vectorised; may be in place).</summary>
    public static void Map<T, TOperator>(ReadOnlySpan<T> source, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOperator : IUnaryOperator<T> => Elementwise.Map<T, TOperator>(source, destination);

    /// <summary>
    /// Writes g⁻¹ into <paramref name="inverse"/> (k×k); false when g is not finite or numerically
    /// singular (the pivot test of <see cref="LuDecomposition.Factor{T}"/>).
    /// </summary>
    public static bool TryInvert<T>(ReadOnlySpan<T> g, int k, Span<T> lu, Span<T> inverse, Span<int> pivots)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        g[..(k * k)].CopyTo(lu);
        if (!LuDecomposition.Factor(lu, k, pivots).Succeeded)
        {
            return false;
        }

        LuDecomposition.Invert<T>(lu, pivots, k, inverse);
        return AllFinite<T>(inverse);
    }

    /// <summary>Whether every value is finite (a whole parameter vector on both threads when there are two and it is long).</summary>
    public static bool AllFinite<T>(ReadOnlySpan<T> values)
        where T : unmanaged, IFloatingPointIeee754<T> => LongVectors.AllFinite(values);

    /// <summary>destination = source + destination, elementwise.</summary>
    public static void AddTo<T>(ReadOnlySpan<T> source, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Add(destination, source, destination);

    /// <summary>
    /// ‖x‖₂ in double, scaled by max |xᵢ| so that no square overflows or underflows (‖x‖ = m·√Σ(xᵢ/m)², m = max |xᵢ|):
    /// TensorPrimitives.Norm squares in T, and a float vector with an entry above 1.8e19 has a norm of ∞. 0, ∞ or NaN
    /// when m is.
    /// </summary>
    public static double ScaledNorm<T>(ReadOnlySpan<T> x)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        double largest = double.CreateTruncating(Reductions.LargestMagnitude(x));
        if (largest == 0 || !double.IsFinite(largest))
        {
            return largest;
        }

        double sum = 0;
        foreach (T value in x)
        {
            double scaled = double.CreateTruncating(value) / largest;
            sum += scaled * scaled;
        }

        return largest * Math.Sqrt(sum);
    }
}
