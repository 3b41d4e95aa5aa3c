using System;
using System.Numerics;
using System.Numerics.Tensors;
using Teleport.Kernels;

namespace Teleport.Teleportation;

// The passes of the S2 (positive diagonal) kernels over a hidden layer's V [k × d] and U [m × k], cut into ranges of
// rows or of columns so that a wide layer's are shared with the GEMM worker (RangeSplit). Each value is computed by
// the same operations in the same order as in one pass over the whole matrix, so the results do not depend on the
// thread count. The pointers are into spans the caller keeps pinned until the pass returns.

/// <summary>largest[j] = |V[j, :]|'s largest magnitude (NaN if the row holds one), for rows j of V [k × d].</summary>
internal readonly unsafe struct RowLargestPass<T>(T* v, T* largest, int d) : IRangePass
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public void Run(long from, long to)
    {
        for (long j = from; j < to; j++) largest[j] = Reductions.LargestMagnitude(new ReadOnlySpan<T>(v + j * d, d));
    }
}

/// <summary>
/// largest[c] = the largest-magnitude U[i, c] over rows i (NaN if any is NaN) of U [rows × columns], by ranges of rows: each
/// thread into its own vector (this thread <paramref name="largest"/>, the worker <paramref name="workerLargest"/>, both
/// zero before), then <see cref="Combine"/>. The largest magnitude does not depend on the order, and only it (and NaN) is read.
/// </summary>
internal readonly unsafe struct ColumnLargestPass<T>(T* u, T* largest, T* workerLargest, int columns) : IRangePass
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public void Run(long from, long to)
    {
        var target = new Span<T>(GemmParallel.OnWorker ? workerLargest : largest, columns);
        for (long i = from; i < to; i++) TensorPrimitives.MaxMagnitude(target, new ReadOnlySpan<T>(u + i * columns, columns), target);
    }

    /// <summary>largest = the larger magnitude of the two threads' vectors.</summary>
    public void Combine()
    {
        var target = new Span<T>(largest, columns);
        TensorPrimitives.MaxMagnitude(target, new ReadOnlySpan<T>(workerLargest, columns), target);
    }
}

/// <summary>V[j, :] and b[j] times s[j] (divided by it when <paramref name="inverse"/>), for rows j of V [k × d].</summary>
internal readonly unsafe struct ScaleRowsPass<T>(T* v, T* b, T* s, int d, bool inverse) : IRangePass
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public void Run(long from, long to)
    {
        for (long j = from; j < to; j++)
        {
            // Divide rather than multiply by a reciprocal, so that g then g⁻¹ round-trips closely.
            var row = new Span<T>(v + j * d, d);
            if (inverse) TensorPrimitives.Divide(row, s[j], row);
            else TensorPrimitives.Multiply(row, s[j], row);
            if (b != null) b[j] = inverse ? b[j] / s[j] : b[j] * s[j];
        }
    }
}

/// <summary>U[i, :] divided by factors (times them when <paramref name="inverse"/>), elementwise, for rows i of U [m × columns].</summary>
internal readonly unsafe struct ScaleColumnsPass<T>(T* u, T* factors, int columns, bool inverse) : IRangePass
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public void Run(long from, long to)
    {
        var f = new ReadOnlySpan<T>(factors, columns);
        for (long i = from; i < to; i++)
        {
            var row = new Span<T>(u + i * columns, columns);
            if (inverse) TensorPrimitives.Multiply(row, f, row);
            else TensorPrimitives.Divide(row, f, row);
        }
    }
}

/// <summary>result[j] = Σ_l G_V[j, l]·V[j, l], for rows j of V [k × d].</summary>
internal readonly unsafe struct RowDotsPass<T>(T* gradV, T* v, T* result, int d) : IRangePass
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public void Run(long from, long to)
    {
        for (long j = from; j < to; j++) result[j] = TensorPrimitives.Dot(new ReadOnlySpan<T>(gradV + j * d, d), new ReadOnlySpan<T>(v + j * d, d));
    }
}

/// <summary>
/// result[j] −= U[i, j]·G_U[i, j] for i = 0 … m − 1 in order, for columns j of U [m × k]: each product rounded, then
/// subtracted, as the scalar loop does it, vectorised over j in blocks of <see cref="Block"/> on the stack.
/// </summary>
internal readonly unsafe struct ColumnProductsPass<T>(T* u, T* gradU, T* result, int m, int k) : IRangePass
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Columns per block of products.</summary>
    internal const int Block = 64;

    public void Run(long from, long to)
    {
        Span<T> products = stackalloc T[Block];
        for (int i = 0; i < m; i++)
        {
            long row = (long)i * k;
            for (long j = from; j < to; j += Block)
            {
                int count = (int)Math.Min(Block, to - j);
                Span<T> block = products[..count];
                TensorPrimitives.Multiply(new ReadOnlySpan<T>(u + row + j, count), new ReadOnlySpan<T>(gradU + row + j, count), block);
                var target = new Span<T>(result + j, count);
                TensorPrimitives.Subtract(target, block, target);
            }
        }
    }
}
