using System;

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

    /// <summary>Writes <paramref name="pixels"/> / 255 into <paramref name="destination"/>.</summary>
    public static void ToUnitFloats(ReadOnlySpan<byte> pixels, Span<float> destination)
    {
        var table = Table;
        for (var i = 0; i < pixels.Length; i++) destination[i] = table[pixels[i]];
    }

    private static float[] CreateTable()
    {
        var table = new float[256];
        for (var b = 0; b < table.Length; b++) table[b] = b / 255f;
        return table;
    }
}
