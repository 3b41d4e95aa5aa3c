using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Teleport.Kernels;

/// <summary>
/// Packs a block of a matrix stored transposed (Bᵀ row-major, the NT case) into a kc × NR panel:
/// <c>panel[p·nr + j] = source[j·columnStride + p·stepStride]</c>, zero-padding columns ≥ cols.
/// Float blocks whose steps are contiguous go through an 8 × 8 in-register transpose (AVX).
/// </summary>
internal static unsafe class GemmTranspose
{
    internal static void PackTransposed<T>(T* source, nint columnStride, nint stepStride, int kc, int cols, int nr, T* panel)
        where T : unmanaged
    {
        if (cols < nr) new System.Span<T>(panel, kc * nr).Clear();
        int j = 0;
        if (typeof(T) == typeof(float) && stepStride == 1 && Avx.IsSupported && SimdSupport.Current >= SimdWidth.Vector256)
        {
            int fullSteps = kc & ~7;
            for (; j + 8 <= cols; j += 8)
            {
                float* src = (float*)source + j * columnStride;
                float* dst = (float*)panel + j;
                for (int p = 0; p < fullSteps; p += 8)
                    Transpose8x8(src + p, columnStride, dst + (nint)p * nr, nr);
                for (int p = fullSteps; p < kc; p++)
                {
                    for (int jj = 0; jj < 8; jj++)
                        dst[(nint)p * nr + jj] = src[jj * columnStride + p];
                }
            }
        }

        for (; j < cols; j++)
        {
            T* src = source + j * columnStride;
            T* dst = panel + j;
            for (int p = 0; p < kc; p++) dst[(nint)p * nr] = src[p * stepStride];
        }
    }

    /// <summary>Rows r0…r7 (stride <paramref name="sourceStride"/>) become columns of the 8 × 8 block at <paramref name="destination"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Transpose8x8(float* source, nint sourceStride, float* destination, nint destinationStride)
    {
        Vector256<float> r0 = Avx.LoadVector256(source);
        Vector256<float> r1 = Avx.LoadVector256(source + sourceStride);
        Vector256<float> r2 = Avx.LoadVector256(source + 2 * sourceStride);
        Vector256<float> r3 = Avx.LoadVector256(source + 3 * sourceStride);
        Vector256<float> r4 = Avx.LoadVector256(source + 4 * sourceStride);
        Vector256<float> r5 = Avx.LoadVector256(source + 5 * sourceStride);
        Vector256<float> r6 = Avx.LoadVector256(source + 6 * sourceStride);
        Vector256<float> r7 = Avx.LoadVector256(source + 7 * sourceStride);

        // Interleave pairs within 128-bit lanes: t0 = [a0 b0 a1 b1 | a4 b4 a5 b5] …
        Vector256<float> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1);
        Vector256<float> t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
        Vector256<float> t4 = Avx.UnpackLow(r4, r5), t5 = Avx.UnpackHigh(r4, r5);
        Vector256<float> t6 = Avx.UnpackLow(r6, r7), t7 = Avx.UnpackHigh(r6, r7);

        // Gather quadruples: u0 = [a0 b0 c0 d0 | a4 b4 c4 d4] …
        Vector256<float> u0 = Avx.Shuffle(t0, t2, 0x44), u1 = Avx.Shuffle(t0, t2, 0xEE);
        Vector256<float> u2 = Avx.Shuffle(t1, t3, 0x44), u3 = Avx.Shuffle(t1, t3, 0xEE);
        Vector256<float> u4 = Avx.Shuffle(t4, t6, 0x44), u5 = Avx.Shuffle(t4, t6, 0xEE);
        Vector256<float> u6 = Avx.Shuffle(t5, t7, 0x44), u7 = Avx.Shuffle(t5, t7, 0xEE);

        // Join the 128-bit halves: column p of the source block.
        Avx.Store(destination, Avx.Permute2x128(u0, u4, 0x20));
        Avx.Store(destination + destinationStride, Avx.Permute2x128(u1, u5, 0x20));
        Avx.Store(destination + 2 * destinationStride, Avx.Permute2x128(u2, u6, 0x20));
        Avx.Store(destination + 3 * destinationStride, Avx.Permute2x128(u3, u7, 0x20));
        Avx.Store(destination + 4 * destinationStride, Avx.Permute2x128(u0, u4, 0x31));
        Avx.Store(destination + 5 * destinationStride, Avx.Permute2x128(u1, u5, 0x31));
        Avx.Store(destination + 6 * destinationStride, Avx.Permute2x128(u2, u6, 0x31));
        Avx.Store(destination + 7 * destinationStride, Avx.Permute2x128(u3, u7, 0x31));
    }

    /// <summary>
    /// Four rows of eight (stride <paramref name="sourceStride"/>) become eight steps of four
    /// (stride <paramref name="destinationStride"/>): <c>destination[p·stride + r] = source[r·sourceStride + p]</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Transpose4x8(float* source, nint sourceStride, float* destination, nint destinationStride)
    {
        Vector256<float> r0 = Avx.LoadVector256(source);
        Vector256<float> r1 = Avx.LoadVector256(source + sourceStride);
        Vector256<float> r2 = Avx.LoadVector256(source + 2 * sourceStride);
        Vector256<float> r3 = Avx.LoadVector256(source + 3 * sourceStride);

        // t0 = [a0 b0 a1 b1 | a4 b4 a5 b5], t1 = [a2 b2 a3 b3 | a6 b6 a7 b7], t2/t3 likewise for c, d.
        Vector256<float> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1);
        Vector256<float> t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);

        // u0 = [a0 b0 c0 d0 | a4 b4 c4 d4], u1 = steps 1 and 5, u2 = 2 and 6, u3 = 3 and 7.
        Vector256<float> u0 = Avx.Shuffle(t0, t2, 0x44), u1 = Avx.Shuffle(t0, t2, 0xEE);
        Vector256<float> u2 = Avx.Shuffle(t1, t3, 0x44), u3 = Avx.Shuffle(t1, t3, 0xEE);

        Sse.Store(destination, u0.GetLower());
        Sse.Store(destination + destinationStride, u1.GetLower());
        Sse.Store(destination + 2 * destinationStride, u2.GetLower());
        Sse.Store(destination + 3 * destinationStride, u3.GetLower());
        Sse.Store(destination + 4 * destinationStride, u0.GetUpper());
        Sse.Store(destination + 5 * destinationStride, u1.GetUpper());
        Sse.Store(destination + 6 * destinationStride, u2.GetUpper());
        Sse.Store(destination + 7 * destinationStride, u3.GetUpper());
    }
}
