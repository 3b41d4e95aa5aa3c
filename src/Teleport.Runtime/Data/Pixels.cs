using System;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Teleport.Data;

/// <summary>Byte pixels to floats the way torchvision's <c>ToTensor</c> does it.</summary>
internal static class Pixels
{
    // b / 255 in IEEE single precision for every byte: the same quotients as tensor.float().div(255).
    private static readonly float[] Table = CreateTable();

    /// <summary>Each byte b becomes the float b / 255.</summary>
    public static float[] ToUnitFloats(ReadOnlySpan<byte> pixels)
    {
        var result = FeatureArrays.Create(pixels.Length);
        ToUnitFloats(pixels, result);
        return result;
    }

    /// <summary>
    /// Writes <paramref name="pixels"/> / 255 into <paramref name="destination"/>: 16 bytes at a time widened to
    /// floats and divided by 255 in vector registers (IEEE division rounds each quotient exactly as the scalar
    /// b / 255f does, so every value equals the table's), the tail through the table.
    /// </summary>
    public static void ToUnitFloats(ReadOnlySpan<byte> pixels, Span<float> destination)
    {
        if (destination.Length < pixels.Length)
            throw new ArgumentException($"destination holds {destination.Length} values; {pixels.Length} pixels need as many.", nameof(destination));
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var divisor = Vector256.Create(255f);
            ref var source = ref MemoryMarshal.GetReference(pixels);
            ref var target = ref MemoryMarshal.GetReference(destination);
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
