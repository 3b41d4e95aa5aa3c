using System;

namespace Teleport.Teleportation;

/// <summary>
/// Shape checks for <see cref="SymmetryKernels"/>: every span must have exactly the length its
/// role implies (V k×d, b k or empty, U m×k, H n×d, …), and a failure names the span and the sizes.
/// </summary>
internal static class SymmetryArguments
{
    /// <summary>Checks the sizes themselves: k, d, m ≥ 1 and n ≥ 1 (n = 0 means "no batch").</summary>
    public static void Sizes(int k, int d, int m, int n = 1)
    {
        Positive(k, "k");
        Positive(d, "d");
        Positive(m, "m");
        Positive(n, "n");
    }

    /// <summary>Checks a span that must hold exactly rows×cols values.</summary>
    public static void Matrix(int length, int rows, int cols, string name)
    {
        if (length != (long)rows * cols)
        {
            throw new ArgumentException($"'{name}' has {length} values but a {rows}×{cols} matrix needs {(long)rows * cols}.", name);
        }
    }

    /// <summary>Checks a bias span against an explicit hasBias flag.</summary>
    public static void Bias(int length, int k, bool hasBias, string name)
    {
        int expected = hasBias ? k : 0;
        if (length != expected)
        {
            throw new ArgumentException(hasBias
                ? $"'{name}' has {length} values but the layer has a bias of {k} values."
                : $"'{name}' has {length} values but the layer has no bias: pass an empty span.", name);
        }
    }

    private static void Positive(int value, string name)
    {
        if (value < 1)
        {
            throw new ArgumentOutOfRangeException(name, value, $"The size {name} must be at least 1.");
        }
    }
}
