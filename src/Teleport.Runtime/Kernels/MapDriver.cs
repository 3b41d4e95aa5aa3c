using System.Runtime.Intrinsics;

namespace Teleport.Kernels;

/// <summary>
/// The one elementwise loop: destination[i] = body(i) for i in [0, n), at the widest width that
/// fits (512 → 256 → 128 → scalar, from <see cref="SimdSupport.Current"/>), unrolled four vectors
/// deep, with an overlapping last vector for the tail. A large map (a wide network's activations,
/// ≥ <see cref="GemmParallel.MinimumMapElements"/> elements) is shared with the GEMM worker when
/// <see cref="MatrixMultiply.MaxThreads"/> is 2, in blocks of columns each thread claims
/// (<see cref="ColumnBlocks"/>; a flat map is a matrix of one row).
/// </summary>
/// <remarks>
/// The overlapping last vector is computed <em>before</em> the loop writes anything, from the
/// original inputs, and stored after it. So the tail is exact when the destination aliases an input:
/// re-storing the overlapped elements writes the values they already hold. Blocks start on multiples
/// of 32 columns and hold at least 32, so every element is computed at the same width as on one
/// thread (an operator's lanes do not depend on one another): the result does not depend on the thread count.
/// </remarks>
internal static unsafe class MapDriver
{
    /// <summary>
    /// destination[i] = body(i) over a row-major [<paramref name="rows"/> × <paramref name="cols"/>] matrix (a flat map:
    /// one row), shared with the worker by blocks of columns (<see cref="ColumnBlocks"/>) as the products that write and
    /// read such matrices are.
    /// </summary>
    internal static void RunMatrix<T, TBody>(TBody body, T* destination, int rows, int cols)
        where T : unmanaged where TBody : struct, IMapBody<T>
    {
        var width = SimdSupport.Current;
        if (ColumnBlocks.TrySplit(rows, cols))
        {
            ColumnBlocks.Run(new MapColumnsPass<T, TBody>(body, destination, rows, cols, width), cols);
            return;
        }
        RunRange(body, destination, 0, (nint)rows * cols, width);
    }

    /// <summary>destination[i] = body(i) for i in [<paramref name="start"/>, <paramref name="end"/>).</summary>
    internal static void RunRange<T, TBody>(TBody body, T* destination, nint start, nint end, SimdWidth width)
        where T : unmanaged where TBody : struct, IMapBody<T>
    {
        nint n = end - start;
        if (width >= SimdWidth.Vector512 && n >= Vector512<T>.Count)
        {
            Run512(body, destination, start, end);
        }
        else if (width >= SimdWidth.Vector256 && n >= Vector256<T>.Count)
        {
            Run256(body, destination, start, end);
        }
        else if (width >= SimdWidth.Vector128 && n >= Vector128<T>.Count)
        {
            Run128(body, destination, start, end);
        }
        else
        {
            for (nint i = start; i < end; i++) destination[i] = body.At(i);
        }
    }

    private static void Run512<T, TBody>(TBody body, T* d, nint start, nint n) where T : unmanaged where TBody : struct, IMapBody<T>
    {
        nint c = Vector512<T>.Count;
        // Only a range that is not whole vectors needs it.
        bool ragged = (n - start) % c != 0;
        Vector512<T> last = ragged ? body.At512(n - c) : default;
        nint i = start;
        for (; i <= n - 4 * c; i += 4 * c)
        {
            Vector512<T> v0 = body.At512(i), v1 = body.At512(i + c), v2 = body.At512(i + 2 * c), v3 = body.At512(i + 3 * c);
            v0.Store(d + i);
            v1.Store(d + i + c);
            v2.Store(d + i + 2 * c);
            v3.Store(d + i + 3 * c);
        }
        for (; i <= n - c; i += c) body.At512(i).Store(d + i);
        if (ragged) last.Store(d + n - c);
    }

    private static void Run256<T, TBody>(TBody body, T* d, nint start, nint n) where T : unmanaged where TBody : struct, IMapBody<T>
    {
        nint c = Vector256<T>.Count;
        // Only a range that is not whole vectors needs it.
        bool ragged = (n - start) % c != 0;
        Vector256<T> last = ragged ? body.At256(n - c) : default;
        nint i = start;
        for (; i <= n - 4 * c; i += 4 * c)
        {
            Vector256<T> v0 = body.At256(i), v1 = body.At256(i + c), v2 = body.At256(i + 2 * c), v3 = body.At256(i + 3 * c);
            v0.Store(d + i);
            v1.Store(d + i + c);
            v2.Store(d + i + 2 * c);
            v3.Store(d + i + 3 * c);
        }
        for (; i <= n - c; i += c) body.At256(i).Store(d + i);
        if (ragged) last.Store(d + n - c);
    }

    private static void Run128<T, TBody>(TBody body, T* d, nint start, nint n) where T : unmanaged where TBody : struct, IMapBody<T>
    {
        nint c = Vector128<T>.Count;
        // Only a range that is not whole vectors needs it.
        bool ragged = (n - start) % c != 0;
        Vector128<T> last = ragged ? body.At128(n - c) : default;
        nint i = start;
        for (; i <= n - 4 * c; i += 4 * c)
        {
            Vector128<T> v0 = body.At128(i), v1 = body.At128(i + c), v2 = body.At128(i + 2 * c), v3 = body.At128(i + 3 * c);
            v0.Store(d + i);
            v1.Store(d + i + c);
            v2.Store(d + i + 2 * c);
            v3.Store(d + i + 3 * c);
        }
        for (; i <= n - c; i += c) body.At128(i).Store(d + i);
        if (ragged) last.Store(d + n - c);
    }
}
