using System;
using System.Numerics;

namespace Teleport.LinearAlgebra;

/// <summary>Argument checks shared by the linear-algebra routines (row-major spans with explicit sizes).</summary>
internal static class MatrixArguments
{
    public static void RequireSupported<T>()
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) != typeof(float) && typeof(T) != typeof(double))
        {
            throw new NotSupportedException($"Linear algebra runs on float or double, not {typeof(T).Name}.");
        }
    }

    public static void RequireDimension(int value, string name)
    {
        if (value < 0)
        {
            throw new ArgumentOutOfRangeException(name, value, "A matrix dimension cannot be negative.");
        }
    }

    /// <summary>
    /// <paramref name="count"/> (computed in long) as an int, when an array can hold that many elements; else an
    /// <see cref="ArgumentOutOfRangeException"/> naming <paramref name="name"/> (the size that makes it too large).
    /// <paramref name="what"/> is a constant (the formula), so a call that fits allocates nothing.
    /// </summary>
    public static int ElementCount(long count, string name, int value, string what)
    {
        if (count > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{what} would hold {count} elements, more than an array holds ({Array.MaxLength}).");
        }

        return (int)count;
    }

    /// <summary>Checks that a span holds at least rows×cols elements.</summary>
    public static void RequireLength(int length, int rows, int cols, string name)
    {
        RequireDimension(rows, name);
        RequireDimension(cols, name);
        if ((long)length < (long)rows * cols)
        {
            throw new ArgumentException($"'{name}' has {length} elements, a {rows}×{cols} matrix needs {(long)rows * cols}.", name);
        }
    }

    /// <summary>Checks that a workspace holds at least <paramref name="required"/> elements.</summary>
    public static void RequireWorkspace(int length, long required, string name)
    {
        if (length < required)
        {
            throw new ArgumentException($"'{name}' has {length} elements, {required} are needed.", name);
        }
    }

    public static void RequireDisjoint<T>(ReadOnlySpan<T> input, ReadOnlySpan<T> output, string inputName, string outputName)
    {
        if (input.Overlaps(output))
        {
            throw new ArgumentException($"'{outputName}' must not overlap '{inputName}'.", outputName);
        }
    }

    /// <summary>
    /// The arguments of a square matrix function f(A) → result (matrix exponential, Cayley map): a
    /// supported type, A and result n×n, a large enough workspace, and neither input overlapping result.
    /// </summary>
    public static void RequireSquareFunction<T>(ReadOnlySpan<T> a, int n, ReadOnlySpan<T> result, ReadOnlySpan<T> workspace, long workspaceLength)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireSupported<T>();
        RequireLength(a.Length, n, n, "a");
        RequireLength(result.Length, n, n, "result");
        RequireWorkspace(workspace.Length, workspaceLength, "workspace");
        RequireDisjoint(a, result, "a", "result");
        RequireDisjoint(workspace, result, "workspace", "result");
    }
}
