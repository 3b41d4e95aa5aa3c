namespace Teleport.Kernels;

/// <summary>
/// Splits a matrix pass between this thread and the GEMM worker by blocks of columns, the blocks of a product
/// split by columns (<see cref="GemmParallel.Chunks"/>, <see cref="GemmParallel.ChunkStart"/>, claimed from both
/// ends): on time each core runs the columns it computed in the product that wrote the matrix (X·Wᵀ, δ·W) and in
/// the weight gradient that reads it (δᵀ·X, split by rows of ∂L/∂W, which are columns of δ).
/// </summary>
/// <remarks>
/// Why: a map split flat by rows read half of each row from the other core's cache, and on a VM in a phase where
/// a core reads what the other has just written at a third of the speed of its own data, the wide step's bias adds,
/// activations and bias gradients took about 130 µs on two threads against 60 µs on one. Every element is still
/// computed as on one thread (blocks are at least 32 columns, whole vectors at every width, and a column sum adds
/// the rows in the same order), so results do not depend on the thread count.
/// </remarks>
internal static unsafe class ColumnBlocks
{
    /// <summary>
    /// Whether a pass over [<paramref name="rows"/> × <paramref name="cols"/>] goes to two threads: a map large enough
    /// (<see cref="GemmParallel.ShouldSplitMap"/>) with room for two blocks of <see cref="GemmParallel.ChunkColumns"/>;
    /// the worker is then taken (<see cref="GemmParallel.TryAcquire"/>) and must be given to <see cref="Run{TPass}"/>.
    /// </summary>
    internal static bool TrySplit(int rows, int cols) =>
        cols >= 2 * GemmParallel.ChunkColumns && GemmParallel.ShouldSplitMap((long)rows * cols) && GemmParallel.TryAcquire();

    /// <summary>
    /// Runs <paramref name="pass"/> (over columns [c0, c1) of every row) in the column blocks of a product of
    /// <paramref name="cols"/> columns on this thread and the acquired worker.
    /// </summary>
    internal static void Run<TPass>(TPass pass, int cols) where TPass : struct, IRangePass =>
        RangeJob<TPass>.Run(pass, cols, GemmParallel.Chunks(cols), BlockAlignment);

    /// <summary>Blocks start on multiples of this (<see cref="GemmParallel.ChunkStart"/>'s 32): whole vectors at every width.</summary>
    private const int BlockAlignment = 32;
}

/// <summary>destination[r, c] = body(r·cols + c) over a block of columns (an elementwise map over a matrix).</summary>
internal readonly unsafe struct MapColumnsPass<T, TBody>(TBody body, T* destination, int rows, int cols, SimdWidth width) : IRangePass
    where T : unmanaged where TBody : struct, IMapBody<T>
{
    public void Run(long c0, long c1)
    {
        for (int r = 0; r < rows; r++)
        {
            nint row = (nint)r * cols;
            MapDriver.RunRange(body, destination, row + (nint)c0, row + (nint)c1, width);
        }
    }
}

/// <summary>M[r, c] += v[c] over a block of columns (the bias term of Z = X·Wᵀ + 1·bᵀ).</summary>
internal readonly unsafe struct AddToRowsPass<T>(T* matrix, T* row, int rows, int cols, SimdWidth width) : IRangePass
    where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
{
    public void Run(long c0, long c1)
    {
        for (int r = 0; r < rows; r++)
        {
            T* target = matrix + (nint)r * cols;
            MapDriver.RunRange(new BinaryBody<T, AddOperator<T>>(target, row), target, (nint)c0, (nint)c1, width);
        }
    }
}

/// <summary>
/// sums[c] = Σ_r M[r, c] over a block of columns, the rows added in increasing r (after M[0, c] when
/// <paramref name="startWithFirstRow"/>, else onto sums[c]): the order of one thread, so the same bits.
/// </summary>
internal readonly unsafe struct ColumnSumsPass<T>(T* matrix, T* sums, int rows, int cols, bool startWithFirstRow, SimdWidth width) : IRangePass
    where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
{
    public void Run(long c0, long c1)
    {
        int first = 0;
        if (startWithFirstRow)
        {
            new System.Span<T>(matrix + c0, (int)(c1 - c0)).CopyTo(new System.Span<T>(sums + c0, (int)(c1 - c0)));
            first = 1;
        }
        for (int r = first; r < rows; r++)
            MapDriver.RunRange(new BinaryBody<T, AddOperator<T>>(sums, matrix + (nint)r * cols), sums, (nint)c0, (nint)c1, width);
    }
}
