using System;
using System.Numerics;
using System.Numerics.Tensors;

namespace Teleport.Kernels;

// The everyday helpers are System.Numerics.Tensors.TensorPrimitives (already vectorised 512 → 256 →
// 128 with overlapping tails, and in-place safe) or the span primitives; wrapping them keeps call
// sites in one vocabulary. Destinations may be the same memory as an input. Two inputs of unequal lengths are
// refused here, naming y (TensorPrimitives's own error names no argument).
public static partial class Elementwise
{
    /// <summary>destination = α·x (TensorPrimitives.Multiply).</summary>
    public static void Scale<T>(ReadOnlySpan<T> x, T alpha, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T>
        => TensorPrimitives.Multiply(x, alpha, destination);

    /// <summary>destination = x + y (TensorPrimitives.Add).</summary>
    public static void Add<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ValidateInput(x, y, nameof(y));
        TensorPrimitives.Add(x, y, destination);
    }

    /// <summary>destination = x − y (TensorPrimitives.Subtract).</summary>
    public static void Subtract<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ValidateInput(x, y, nameof(y));
        TensorPrimitives.Subtract(x, y, destination);
    }

    /// <summary>destination = α·x + y, the BLAS axpy (TensorPrimitives.MultiplyAdd: multiply, then add).</summary>
    public static void MultiplyAdd<T>(ReadOnlySpan<T> x, T alpha, ReadOnlySpan<T> y, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ValidateInput(x, y, nameof(y));
        TensorPrimitives.MultiplyAdd(x, alpha, y, destination);
    }

    /// <summary>destination[..source.Length] = source (a memory copy; overlap is allowed).</summary>
    public static void Copy<T>(ReadOnlySpan<T> source, Span<T> destination) where T : unmanaged
        => source.CopyTo(destination);

    /// <summary>Every element of <paramref name="destination"/> = <paramref name="value"/>.</summary>
    public static void Fill<T>(Span<T> destination, T value) where T : unmanaged
        => destination.Fill(value);
}
