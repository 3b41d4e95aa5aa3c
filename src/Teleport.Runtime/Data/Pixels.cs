using System;
using System.Runtime.InteropServices;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Teleport.Data;

/// <summary>Byte pixels to floats the way torchvision's <c>ToTensor</c> does it.</summary>
internal static class Pixels
{
    // b / 255 in IEEE single precision for every byte: the same quotients as tensor.float().div(255).
    private static readonly float[] Table = CreateTable();

    /// <summary>
    /// Writes <paramref name="pixels"/> / 255 into <paramref name="destination"/>, 16 bytes at a time in vector
    /// registers, every value equal to the scalar b / 255f (the table's). With fused multiply-add the quotient is
    /// q = b·r (r = 1/255f) corrected once, q + fma(−q, 255, b)·r — a multiplication alone is off by one ulp for
    /// 126 of the 256 bytes, the correction for none (a test checks every byte), and it costs a fraction of a
    /// division; without fused multiply-add, IEEE division. The tail goes through the table.
    /// </summary>
    public static void ToUnitFloats(ReadOnlySpan<byte> pixels, Span<float> destination)
    {
        if (destination.Length < pixels.Length)
            throw new ArgumentException($"destination holds {destination.Length} values; {pixels.Length} pixels need as many.", nameof(destination));
        var i = 0;
        ref var source = ref MemoryMarshal.GetReference(pixels);
        ref var target = ref MemoryMarshal.GetReference(destination);
        var width = Teleport.Kernels.SimdSupport.Current; // a test may force a narrower path
        if (width >= Teleport.Kernels.SimdWidth.Vector512 && Avx512F.IsSupported)
        {
            var reciprocal = Vector512.Create(1f / 255f);
            var divisor = Vector512.Create(255f);
            for (; i <= pixels.Length - 16; i += 16)
            {
                var b = Avx512F.ConvertToVector512Single(Avx512F.ConvertToVector512Int32(Vector128.LoadUnsafe(ref source, (nuint)i)));
                var q = b * reciprocal;
                Vector512.FusedMultiplyAdd(Vector512.FusedMultiplyAdd(-q, divisor, b), reciprocal, q).StoreUnsafe(ref target, (nuint)i);
            }
        }
        else if (width >= Teleport.Kernels.SimdWidth.Vector256 && Avx2.IsSupported && Fma.IsSupported)
        {
            var reciprocal = Vector256.Create(1f / 255f);
            var divisor = Vector256.Create(255f);
            for (; i <= pixels.Length - 8; i += 8)
            {
                var bytes = Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<long>(ref Unsafe.Add(ref source, i))).AsByte();
                var b = Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(bytes));
                var q = b * reciprocal;
                Fma.MultiplyAdd(Fma.MultiplyAddNegated(q, divisor, b), reciprocal, q).StoreUnsafe(ref target, (nuint)i);
            }
        }
        else if (width >= Teleport.Kernels.SimdWidth.Vector256 && Vector256.IsHardwareAccelerated)
        {
            var divisor = Vector256.Create(255f);
            for (; i <= pixels.Length - 16; i += 16)
            {
                var bytes = Vector128.LoadUnsafe(ref source, (nuint)i);
                var (low, high) = Vector256.Widen(Vector256.Create(Vector128.WidenLower(bytes), Vector128.WidenUpper(bytes)));
                (Vector256.ConvertToSingle(low.AsInt32()) / divisor).StoreUnsafe(ref target, (nuint)i);
                (Vector256.ConvertToSingle(high.AsInt32()) / divisor).StoreUnsafe(ref target, (nuint)(i + 8));
            }
        }
        var table = Table;
        for (; i < pixels.Length; i++) destination[i] = table[pixels[i]];
    }

    private static float[] CreateTable()
    {
        var table = new float[256];
        for (var b = 0; b < table.Length; b++) table[b] = b / 255f;
        return table;
    }
}
