using System;
using System.Numerics;

namespace Teleport.Kernels;

/// <summary>
/// Row-vector operations on a row-major [rows × cols] matrix: broadcasting a bias over the batch
/// (<see cref="AddToRows"/>) and its adjoint, summing the batch (<see cref="ColumnSums"/>).
/// </summary>
public static unsafe partial class RowVector
{
    /// <summary>M[r, :] += row for every r (the bias term of Z = X·Wᵀ + 1·bᵀ).</summary>
    public static void AddToRows<T>(Span<T> matrix, ReadOnlySpan<T> row, int rows, int cols)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Validate(matrix.Length, rows, cols, nameof(matrix));
        if (row.Length < cols)
            throw new ArgumentException($"The row has {row.Length} elements but cols = {cols}.", nameof(row));
        if (((ReadOnlySpan<T>)matrix[..(rows * cols)]).Overlaps(row[..cols]))
            throw new ArgumentException("The row must not overlap the matrix.", nameof(row));
        fixed (T* m = matrix)
        fixed (T* v = row)
        {
            // All columns at once on one thread; on two, each core adds the bias to the columns it computed.
            var pass = new AddToRowsPass<T>(m, v, rows, cols, SimdSupport.Current);
            if (ColumnBlocks.TrySplit(rows, cols)) ColumnBlocks.Run(pass, cols);
            else pass.Run(0, cols);
        }
    }

    /// <summary>
    /// sums[j] = Σ_r M[r, j] (+ sums[j] when <paramref name="accumulate"/>), summed in increasing r
    /// (the bias gradient G_b = δᵀ·1).
    /// </summary>
    public static void ColumnSums<T>(ReadOnlySpan<T> matrix, Span<T> sums, int rows, int cols, bool accumulate = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Validate(matrix.Length, rows, cols, nameof(matrix));
        if (sums.Length < cols)
            throw new ArgumentException($"The sums span has {sums.Length} elements but cols = {cols}.", nameof(sums));
        if (((ReadOnlySpan<T>)sums[..cols]).Overlaps(matrix[..(rows * cols)]))
            throw new ArgumentException("The sums must not overlap the matrix.", nameof(sums));
        var target = sums[..cols];
        if (!accumulate && rows == 0)
        {
            target.Clear();
            return;
        }
        fixed (T* m = matrix)
        fixed (T* s = target)
        {
            var pass = new ColumnSumsPass<T>(m, s, rows, cols, startWithFirstRow: !accumulate, SimdSupport.Current);
            if (ColumnBlocks.TrySplit(rows, cols)) ColumnBlocks.Run(pass, cols);
            else pass.Run(0, cols);
        }
    }

    private static void Validate(int length, int rows, int cols, string name)
    {
        if (rows < 0) throw new ArgumentOutOfRangeException(nameof(rows), rows, "The row count must not be negative.");
        if (cols < 0) throw new ArgumentOutOfRangeException(nameof(cols), cols, "The column count must not be negative.");
        if (length < (long)rows * cols)
            throw new ArgumentException($"The matrix has {length} elements but rows·cols = {rows}·{cols} = {(long)rows * cols} are needed.", name);
    }
}
