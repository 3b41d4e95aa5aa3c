using System.Runtime.Intrinsics;

namespace Teleport.Kernels;

/// <summary>
/// The one elementwise loop: destination[i] = body(i) for i in [0, n), at the widest width that
/// fits (512 → 256 → 128 → scalar, from <see cref="SimdSupport.Current"/>), unrolled four vectors
/// deep, with an overlapping last vector for the tail.
/// </summary>
/// <remarks>
/// The overlapping last vector is computed <em>before</em> the loop writes anything, from the
/// original inputs, and stored after it. So the tail is exact when the destination aliases an input:
/// re-storing the overlapped elements writes the values they already hold.
/// </remarks>
internal static unsafe class MapDriver
{
    internal static void Run<T, TBody>(TBody body, T* destination, nint n)
        where T : unmanaged where TBody : struct, IMapBody<T>
    {
        var width = SimdSupport.Current;
        if (width >= SimdWidth.Vector512 && n >= Vector512<T>.Count)
        {
            Run512(body, destination, n);
        }
        else if (width >= SimdWidth.Vector256 && n >= Vector256<T>.Count)
        {
            Run256(body, destination, n);
        }
        else if (width >= SimdWidth.Vector128 && n >= Vector128<T>.Count)
        {
            Run128(body, destination, n);
        }
        else
        {
            for (nint i = 0; i < n; i++) destination[i] = body.At(i);
        }
    }

    private static void Run512<T, TBody>(TBody body, T* d, nint n) where T : unmanaged where TBody : struct, IMapBody<T>
    {
        nint c = Vector512<T>.Count;
        Vector512<T> last = body.At512(n - c);
        nint i = 0;
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

    private static void Run256<T, TBody>(TBody body, T* d, nint n) where T : unmanaged where TBody : struct, IMapBody<T>
    {
        nint c = Vector256<T>.Count;
        Vector256<T> last = body.At256(n - c);
        nint i = 0;
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

    private static void Run128<T, TBody>(TBody body, T* d, nint n) where T : unmanaged where TBody : struct, IMapBody<T>
    {
        nint c = Vector128<T>.Count;
        Vector128<T> last = body.At128(n - c);
        nint i = 0;
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
