using System.Runtime.Intrinsics;

namespace Teleport.Kernels;

/// <summary>
/// The one elementwise loop: destination[i] = body(i) for i in [0, n), at the widest width that
/// fits (512 → 256 → 128 → scalar, from <see cref="SimdSupport.Current"/>), unrolled four vectors
/// deep, with an overlapping last vector for the tail. A large map (a wide network's activations,
/// ≥ <see cref="GemmParallel.MinimumMapElements"/> elements) is shared with the GEMM worker when
/// <see cref="MatrixMultiply.MaxThreads"/> is 2, in element chunks each thread claims.
/// </summary>
/// <remarks>
/// The overlapping last vector is computed <em>before</em> the loop writes anything, from the
/// original inputs, and stored after it. So the tail is exact when the destination aliases an input:
/// re-storing the overlapped elements writes the values they already hold. Chunks start on multiples
/// of 64 elements and hold thousands, so every element is computed in the same vector, at the same
/// width, as on one thread: the result does not depend on the thread count.
/// </remarks>
internal static unsafe class MapDriver
{
    internal static void Run<T, TBody>(TBody body, T* destination, nint n)
        where T : unmanaged where TBody : struct, IMapBody<T>
    {
        var width = SimdSupport.Current;
        if (GemmParallel.ShouldSplitMap(n) && GemmParallel.TryAcquire())
        {
            MapJob<T, TBody>.Run(body, destination, n, width);
            return;
        }
        RunRange(body, destination, 0, n, width);
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
        Vector512<T> last = body.At512(n - c);
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
        if (i < n) last.Store(d + n - c);
    }

    private static void Run256<T, TBody>(TBody body, T* d, nint start, nint n) where T : unmanaged where TBody : struct, IMapBody<T>
    {
        nint c = Vector256<T>.Count;
        Vector256<T> last = body.At256(n - c);
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
        if (i < n) last.Store(d + n - c);
    }

    private static void Run128<T, TBody>(TBody body, T* d, nint start, nint n) where T : unmanaged where TBody : struct, IMapBody<T>
    {
        nint c = Vector128<T>.Count;
        Vector128<T> last = body.At128(n - c);
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
        if (i < n) last.Store(d + n - c);
    }
}

/// <summary>The map being split (static fields: nothing allocated), and its range runner.</summary>
internal static unsafe class MapJob<T, TBody>
    where T : unmanaged where TBody : struct, IMapBody<T>
{
    // The body holds only pointers into spans its caller keeps pinned until every chunk is done.
    private static TBody s_body;
    private static T* s_destination;
    private static SimdWidth s_width;

    /// <summary>Runs the map over <paramref name="length"/> elements on this thread and the worker (acquired by the caller).</summary>
    internal static void Run(TBody body, T* destination, long length, SimdWidth width)
    {
        s_body = body;
        s_destination = destination;
        s_width = width;
        GemmParallel.RunElements(&RunRange, length);
    }

    // The caller's SIMD width, not the worker's own setting (a test forcing a width gets it in every chunk).
    private static void RunRange(long from, long to) => MapDriver.RunRange(s_body, s_destination, (nint)from, (nint)to, s_width);
}
